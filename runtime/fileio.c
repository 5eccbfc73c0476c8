/* fileio.c: buffered file objects for open() and sys.std*: text (UTF-8/latin-1/ascii, newline
 * translation) and binary modes, read/readline/readlines/write/seek/tell, iteration, `with`. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "types.h"
#include "objcore.h"
#include "vm.h"
#include "gc.h"
#include "names.h"
#include "fileio.h"
#include "str.h"

/* How text is chunked when reading: UTF-8 (and utf-8-sig) by code point, the 8-bit codecs by
 * byte; the other codecs (utf-16/32) are transcoded to UTF-8 on the first read. */
enum { ENC_UTF8, ENC_LATIN1, ENC_ASCII, ENC_WIDE };
enum { NL_UNIVERSAL, NL_NONE_TRANSLATE /* '' */, NL_LF, NL_CR, NL_CRLF };

typedef struct {
    Obj ob;
    int fd;
    bool readable, writable, appending, binary, closed, closefd, line_buffering, write_through;
    bool eof, pending_cr;   /* pending_cr: a '\r' held back for \r\n translation */
    int newline, enc;
    Obj *name, *mode, *encoding, *errors;
    char codec[24], errh[24];   /* encoding and error handler names for codec_encode/decode */
    bool transcoded;            /* ENC_WIDE: rbuf now holds the UTF-8 text of the whole file */
    bool bom_pending;           /* utf-8-sig: the BOM goes before the first write at offset 0 */
    Obj *owner;    /* binary companion (.buffer): the text file sharing our descriptor */
    Obj *buffer;   /* text file: its cached .buffer companion */
    char *rbuf;
    size_t rlen, rpos, rcap;
    char *wbuf;
    size_t wlen, wcap;
    Obj *dict;
} FileObj;

#define F(o) ((FileObj *)(o))

static Obj *std_files[3];
static Type *unsupported_op;

int file_check(Obj *o) {
    Type *t = TYPE(o);
    return t == &Type_TextIOWrapper || t == &Type_BufferedReader || t == &Type_BufferedWriter ||
           t == &Type_BufferedRandom;
}

/* io.UnsupportedOperation(OSError, ValueError), created on first use. */
static Type *get_unsupported(void) {
    if (unsupported_op) return unsupported_op;
    Obj *io = dict_get_cstr(vm_interp()->modules, "io");
    if (io) {
        Obj *u = obj_getattr_cstr(io, "UnsupportedOperation");
        if (u && TYPE_CHECK(u)) return unsupported_op = (Type *)u;
        XDECREF(u);
        err_clear();
    }
    Obj *name = str_from_cstr("UnsupportedOperation");
    Obj *bases = tuple_pack(2, (Obj *)Exc_OSError, (Obj *)Exc_ValueError);
    Obj *ns = dict_new();
    Obj *mod = str_from_cstr("io");
    if (name && bases && ns && mod && dict_set(ns, NAME(__module__), mod) == 0)
        unsupported_op = (Type *)type_new_heap(&Type_type, name, bases, ns, NULL);
    XDECREF(name); XDECREF(bases); XDECREF(ns); XDECREF(mod);
    if (!unsupported_op) { err_clear(); return Exc_OSError; }
    return unsupported_op;
}

static int check_open(FileObj *f) {
    if (VT_LIKELY(!f->closed)) return 0;
    err_set_str(Exc_ValueError, "I/O operation on closed file.");
    return -1;
}
static int check_readable(FileObj *f) {
    if (check_open(f) < 0) return -1;
    if (f->readable) return 0;
    err_set_str(get_unsupported(), "not readable");
    return -1;
}
static int check_writable(FileObj *f) {
    if (check_open(f) < 0) return -1;
    if (f->writable) return 0;
    err_set_str(get_unsupported(), "not writable");
    return -1;
}

/* ---- low level ---- */

/* A system call was interrupted (EINTR): serve pending signals as CPython's
 * PyErr_CheckSignals does, so Ctrl-C during a blocking read/write raises KeyboardInterrupt.
 * 0: retry the call; -1: an exception is set. */
static int interrupted_check_signals(void) {
    Interp *interp = vm_interp();
    if (interp && interp->eval_breaker && vm_handle_breaker(vm_ts()) < 0) return -1;
    return 0;
}

static int raw_write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) {
                if (interrupted_check_signals() < 0) return -1;
                continue;
            }
            err_from_errno(Exc_OSError);
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int flush_wbuf(FileObj *f) {
    /* CPython layers text over a binary buffer: what was written to .buffer goes out first */
    if (f->buffer && F(f->buffer)->wlen && flush_wbuf(F(f->buffer)) < 0) return -1;
    if (!f->wlen) return 0;
    size_t n = f->wlen;
    f->wlen = 0;
    return raw_write_all(f->fd, f->wbuf, n);
}

/* Drop read-ahead so the OS position matches the logical one (before writes and seeks). */
static void drop_rbuf(FileObj *f) {
    size_t unread = f->rlen - f->rpos;
    if (unread) lseek(f->fd, -(off_t)unread, SEEK_CUR);
    f->rlen = f->rpos = 0;
    f->pending_cr = false;
    f->eof = false;
}

/* Universal newlines: translate \r\n and \r to \n in place in [p, p+n); returns the new length.
 * A trailing \r is held back (pending_cr) unless at EOF, since a \n may follow. */
static size_t translate_newlines(FileObj *f, char *p, size_t n, bool at_eof) {
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (f->pending_cr) {
            f->pending_cr = false;
            p[j++] = '\n';
            if (c == '\n') continue;
        }
        if (c == '\r') {
            if (i + 1 < n) {
                p[j++] = '\n';
                if (p[i + 1] == '\n') i++;
            } else if (at_eof) {
                p[j++] = '\n';
            } else {
                f->pending_cr = true;
            }
            continue;
        }
        p[j++] = c;
    }
    if (at_eof && f->pending_cr) {
        f->pending_cr = false;
        p[j++] = '\n';
    }
    return j;
}

/* Read more bytes into rbuf; 1 got data, 0 EOF, -1 error. */
static int fill(FileObj *f) {
    if (f->eof) return 0;
    if (f->rpos && f->rpos == f->rlen) f->rpos = f->rlen = 0;
    if (f->rpos > 0 && f->rcap - f->rlen < 8192) {
        memmove(f->rbuf, f->rbuf + f->rpos, f->rlen - f->rpos);
        f->rlen -= f->rpos;
        f->rpos = 0;
    }
    if (f->rcap - f->rlen < 8192) {
        size_t ncap = f->rcap ? f->rcap * 2 : 65536;
        while (ncap - f->rlen < 8192) ncap *= 2;
        char *nb = realloc(f->rbuf, ncap + 1);
        if (!nb) { err_no_memory(); return -1; }
        f->rbuf = nb;
        f->rcap = ncap;
    }
    ssize_t r;
    for (;;) {
        r = read(f->fd, f->rbuf + f->rlen, f->rcap - f->rlen);
        if (r >= 0 || errno != EINTR) break;
        if (interrupted_check_signals() < 0) return -1;
    }
    if (r < 0) {
        if (errno == EISDIR) err_from_errno(Exc_OSError);
        else err_from_errno(Exc_OSError);
        return -1;
    }
    if (r == 0) {
        f->eof = true;
        if (f->pending_cr) {   /* flush the held-back \r */
            f->pending_cr = false;
            f->rbuf[f->rlen++] = '\n';
            return 1;
        }
        return 0;
    }
    size_t n = (size_t)r;
    if (!f->binary && f->newline == NL_UNIVERSAL) n = translate_newlines(f, f->rbuf + f->rlen, n, false);
    f->rlen += n;
    return 1;
}

static int fill(FileObj *f);

static int prepare_read(FileObj *f) {
    if (check_readable(f) < 0) return -1;
    if (f->wlen && flush_wbuf(f) < 0) return -1;
    if (f->enc == ENC_WIDE && !f->transcoded) {
        /* utf-16/32: decode everything once and keep the UTF-8 form */
        int r;
        while ((r = fill(f)) > 0) {}
        if (r < 0) return -1;
        Obj *text = codec_decode(f->rbuf ? f->rbuf + f->rpos : "", f->rlen - f->rpos, f->codec, f->errh);
        if (!text) return -1;
        f->rlen = f->rpos = 0;
        if (STR_SIZE(text) + 1 > f->rcap) {
            char *nb = realloc(f->rbuf, STR_SIZE(text) + 1);
            if (!nb) { DECREF(text); err_no_memory(); return -1; }
            f->rbuf = nb;
            f->rcap = STR_SIZE(text);
        }
        memcpy(f->rbuf, STR_DATA(text), STR_SIZE(text));
        f->rlen = STR_SIZE(text);
        DECREF(text);
        f->transcoded = true;
    }
    return 0;
}

/* Decode bytes to str with the file's codec and error handler. */
static Obj *decode(FileObj *f, const char *p, size_t n) {
    if (f->enc == ENC_UTF8 && !strcmp(f->errh, "strict") && strcmp(f->codec, "utf-8-sig"))
        return str_from_utf8(p, n);
    if (f->transcoded) return str_from_utf8(p, n);
    return codec_decode(p, n, f->codec, f->errh);
}

/* Encode a str for writing with the file's codec: UTF-8 data is used as is when possible.
 * Fills out and n; *tmp is a bytes object to release afterwards (or NULL). */
static int encode(FileObj *f, Obj *s, const char **out, size_t *n, Obj **tmp) {
    *tmp = NULL;
    if (f->enc == ENC_UTF8 || (((StrObj *)s)->ascii && f->enc != ENC_WIDE)) {
        *out = STR_DATA(s);
        *n = STR_SIZE(s);
        return 0;
    }
    Obj *b = codec_encode(s, f->codec, f->errh);
    if (!b) return -1;
    *out = BYTES_DATA(b);
    *n = BYTES_SIZE(b);
    *tmp = b;
    return 0;
}

static int buffered_write(FileObj *f, const char *p, size_t n) {
    if (f->rlen > f->rpos || f->pending_cr) drop_rbuf(f);
    else f->rlen = f->rpos = 0;
    if (f->wlen + n > f->wcap) {
        if (f->wlen && flush_wbuf(f) < 0) return -1;
        if (n >= 65536) return raw_write_all(f->fd, p, n);
        if (!f->wbuf) {
            f->wbuf = malloc(65536);
            if (!f->wbuf) { err_no_memory(); return -1; }
            f->wcap = 65536;
        }
    }
    memcpy(f->wbuf + f->wlen, p, n);
    f->wlen += n;
    if (f->write_through) return flush_wbuf(f);
    if (f->line_buffering && memchr(p, '\n', n)) return flush_wbuf(f);
    return 0;
}

/* Text write with newline translation on output. */
static int text_write(FileObj *f, Obj *s) {
    if (VT_UNLIKELY(f->bom_pending)) {
        f->bom_pending = false;
        if (buffered_write(f, "\xef\xbb\xbf", 3) < 0) return -1;
    }
    const char *p;
    size_t n;
    Obj *tmp;
    if (encode(f, s, &p, &n, &tmp) < 0) return -1;
    int r = 0;
    if ((f->newline == NL_CR || f->newline == NL_CRLF) && memchr(p, '\n', n)) {
        const char *nl = f->newline == NL_CR ? "\r" : "\r\n";
        size_t start = 0;
        for (size_t i = 0; i < n && r == 0; i++) {
            if (p[i] == '\n') {
                r = buffered_write(f, p + start, i - start);
                if (r == 0) r = buffered_write(f, nl, strlen(nl));
                start = i + 1;
            }
        }
        if (r == 0) r = buffered_write(f, p + start, n - start);
        if (r == 0 && f->line_buffering) r = flush_wbuf(f);
    } else {
        r = buffered_write(f, p, n);
    }
    XDECREF(tmp);
    return r;
}

int file_write_str(Obj *o, Obj *s) {
    FileObj *f = F(o);
    if (check_writable(f) < 0) return -1;
    return text_write(f, s);
}

int file_flush(Obj *o) {
    if (file_check(o)) {
        if (F(o)->closed) return 0;
        return flush_wbuf(F(o));
    }
    Obj *r = obj_call_method(o, NAME(flush), NULL, 0);
    if (!r) return -1;
    DECREF(r);
    return 0;
}

static bool std_flush_failed;

/* As CPython's flush_std_files at exit: sys.stdout's flush failing is reported ("Exception
 * ignored in: <stdout>", e.g. BrokenPipeError) and makes the exit status 120; sys.stderr's
 * failures are ignored. Then the original streams' buffers are written out quietly. */
void file_flush_std(void) {
    Interp *in = vm_interp();
    const char *names[] = {"stdout", "stderr"};
    for (int i = 0; in && in->sysdict && i < 2; i++) {
        Obj *s = dict_get_cstr(in->sysdict, names[i]);
        if (!s || s == V_None) continue;
        INCREF(s);
        int closed = 0;
        if (file_check(s)) {
            closed = F(s)->closed;
        } else {
            Obj *c = obj_getattr_opt(s, str_intern_cstr("closed"));
            if (c) { closed = obj_is_true(c) > 0; DECREF(c); }
            err_clear();
        }
        if (!closed && file_flush(s) < 0) {
            if (i == 0) {
                err_write_unraisable(s);
                std_flush_failed = true;
            }
            err_clear();
        }
        DECREF(s);
    }
    for (int i = 0; i < 3; i++) {
        if (std_files[i] && !F(std_files[i])->closed && flush_wbuf(F(std_files[i])) < 0) err_clear();
    }
}

bool file_std_flush_failed(void) { return std_flush_failed; }

/* ---- reading helpers ---- */

/* Number of bytes of the first `nchars` code points at p (UTF-8), or the whole span. */
static size_t utf8_span(const char *p, size_t avail, size_t nchars, size_t *got) {
    size_t i = 0, c = 0;
    while (i < avail && c < nchars) {
        unsigned char b = (unsigned char)p[i];
        size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        if (i + w > avail) break;
        i += w;
        c++;
    }
    *got = c;
    return i;
}

static Obj *make_result(FileObj *f, const char *p, size_t n) {
    return f->binary ? bytes_from_data(p, n) : decode(f, p, n);
}

static Obj *read_all(FileObj *f) {
    int r;
    while ((r = fill(f)) > 0) {}
    if (r < 0) return NULL;
    Obj *res = make_result(f, f->rbuf ? f->rbuf + f->rpos : "", f->rlen - f->rpos);
    f->rpos = f->rlen = 0;
    return res;
}

static Obj *read_n(FileObj *f, size_t n) {
    for (;;) {
        size_t avail = f->rlen - f->rpos, got, span;
        if (f->binary || (f->enc != ENC_UTF8 && !f->transcoded)) {
            span = avail < n ? avail : n;
            got = span;
        } else {
            span = utf8_span(f->rbuf + f->rpos, avail, n, &got);
        }
        if (got >= n || f->eof) {
            if (f->eof && !f->binary && (f->enc == ENC_UTF8 || f->transcoded) && got < n) span = avail;  /* let decoding report a truncated char */
            Obj *res = make_result(f, f->rbuf ? f->rbuf + f->rpos : "", span);
            if (res) f->rpos += span;
            return res;
        }
        if (fill(f) < 0) return NULL;
    }
}

/* One line including its terminator ("" at EOF); limit < 0: no limit (in bytes/chars). */
static Obj *read_line(FileObj *f, int64_t limit) {
    const char *term = "\n";
    if (!f->binary && f->newline == NL_CR) term = "\r";
    else if (!f->binary && f->newline == NL_CRLF) term = "\r\n";
    size_t tl = strlen(term), scanned = 0;
    for (;;) {
        char *start = f->rbuf ? f->rbuf + f->rpos : NULL;
        size_t avail = f->rlen - f->rpos;
        size_t end = 0;
        bool found = false;
        for (size_t i = scanned; start && i + tl <= avail; i++) {
            if (memcmp(start + i, term, tl) == 0) {
                end = i + tl;
                found = true;
                break;
            }
        }
        if (!found && limit >= 0 && avail >= (size_t)limit) {
            size_t got;
            end = (f->binary || (f->enc != ENC_UTF8 && !f->transcoded)) ? (size_t)limit : utf8_span(start, avail, (size_t)limit, &got);
            found = true;
        }
        if (found || f->eof) {
            if (!found) end = avail;
            if (found && limit >= 0) {
                size_t got;
                size_t lim = (f->binary || (f->enc != ENC_UTF8 && !f->transcoded)) ? (size_t)limit : utf8_span(start, end, (size_t)limit, &got);
                if (lim < end) end = lim;
            }
            Obj *res = make_result(f, start ? start : "", end);
            if (res) f->rpos += end;
            return res;
        }
        scanned = avail >= tl ? avail - tl + 1 : 0;
        size_t before = f->rpos;
        if (fill(f) < 0) return NULL;
        if (f->rpos != before) scanned = 0;   /* buffer was compacted */
        scanned = 0;
    }
}

/* ---- methods ---- */

static int64_t size_arg(Obj *const *args, size_t nargs, const char *fname, int *err) {
    *err = 0;
    if (nargs == 0 || args[0] == V_None) return -1;
    if (!INT_CHECK(args[0])) {
        err_format(Exc_TypeError, "argument should be integer or None, not '%s'", TP_NAME(TYPE(args[0])));
        *err = 1;
        return 0;
    }
    int64_t n = obj_as_index_i64(args[0], Exc_OverflowError);
    if (n == -1 && err_occurred()) *err = 1;
    return n;
}

static Obj *m_read(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (args_check_count("read", nargs, kw, 0, 1) < 0) return NULL;
    int e;
    int64_t n = size_arg(args, nargs, "read", &e);
    if (e) return NULL;
    if (prepare_read(f) < 0) return NULL;
    return n < 0 ? read_all(f) : read_n(f, (size_t)n);
}

static Obj *m_readline(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (args_check_count("readline", nargs, kw, 0, 1) < 0) return NULL;
    int e;
    int64_t n = size_arg(args, nargs, "readline", &e);
    if (e) return NULL;
    if (prepare_read(f) < 0) return NULL;
    return read_line(f, n);
}

static bool is_empty(Obj *s) { return BYTES_CHECK(s) ? BYTES_SIZE(s) == 0 : STR_SIZE(s) == 0; }

static Obj *m_readlines(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (args_check_count("readlines", nargs, kw, 0, 1) < 0) return NULL;
    int e;
    int64_t hint = size_arg(args, nargs, "readlines", &e);
    if (e) return NULL;
    if (prepare_read(f) < 0) return NULL;
    Obj *list = list_new(0);
    if (!list) return NULL;
    int64_t total = 0;
    for (;;) {
        Obj *line = read_line(f, -1);
        if (!line) { DECREF(list); return NULL; }
        if (is_empty(line)) { DECREF(line); break; }
        total += (int64_t)(BYTES_CHECK(line) ? BYTES_SIZE(line) : STR_LEN(line));
        if (list_append_steal(list, line) < 0) { DECREF(list); return NULL; }
        if (hint > 0 && total >= hint) break;
    }
    return list;
}

static Obj *m_write(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (cfunction_check_args(&(MethodDef){"write", NULL, METH_O, NULL}, nargs, kw) < 0) return NULL;
    Obj *s = args[0];
    if (f->binary) {
        const char *p;
        size_t n;
        if (BYTES_CHECK(s)) { p = BYTES_DATA(s); n = BYTES_SIZE(s); }
        else if (IS_TYPE(s, &Type_bytearray)) { p = ((ByteArrayObj *)s)->data; n = ((ByteArrayObj *)s)->size; }
        else return err_format(Exc_TypeError, "a bytes-like object is required, not '%s'", TP_NAME(TYPE(s)));
        if (check_writable(f) < 0 || buffered_write(f, p, n) < 0) return NULL;
        return int_from_i64((int64_t)n);
    }
    if (!STR_CHECK(s)) return err_format(Exc_TypeError, "write() argument must be str, not %s", TP_NAME(TYPE(s)));
    if (check_writable(f) < 0 || text_write(f, s) < 0) return NULL;
    return int_from_i64((int64_t)STR_LEN(s));
}

static Obj *m_writelines(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (cfunction_check_args(&(MethodDef){"writelines", NULL, METH_O, NULL}, nargs, kw) < 0) return NULL;
    if (check_open(F(self)) < 0) return NULL;
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    Obj *x;
    while ((x = iter_next(it))) {
        Obj *r = m_write(self, &x, 1, NULL);
        DECREF(x);
        if (!r) { DECREF(it); return NULL; }
        DECREF(r);
    }
    DECREF(it);
    if (err_occurred()) return NULL;
    RETURN_NONE;
}

static Obj *m_flush(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0 || flush_wbuf(F(self)) < 0) return NULL;
    RETURN_NONE;
}

static int do_close(FileObj *f) {
    if (f->closed) return 0;
    int r = flush_wbuf(f);
    f->closed = true;
    if (f->closefd && f->fd >= 0) {
        if (close(f->fd) < 0 && r == 0) { err_from_errno(Exc_OSError); r = -1; }
    }
    free(f->rbuf); f->rbuf = NULL; f->rlen = f->rpos = f->rcap = 0;
    free(f->wbuf); f->wbuf = NULL; f->wlen = f->wcap = 0;
    return r;
}

static Obj *m_close(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (do_close(F(self)) < 0) return NULL;
    RETURN_NONE;
}

static off_t logical_pos(FileObj *f) {
    off_t p = lseek(f->fd, 0, SEEK_CUR);
    if (p < 0) return -1;
    return p - (off_t)(f->rlen - f->rpos) - (f->pending_cr ? 1 : 0) + (off_t)f->wlen;
}

static Obj *m_tell(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (check_open(f) < 0) return NULL;
    off_t p = logical_pos(f);
    if (p < 0) return err_from_errno(Exc_OSError);
    return int_from_i64((int64_t)p);
}

static Obj *m_seek(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (args_check_count("seek", nargs, kw, 1, 2) < 0) return NULL;
    if (check_open(f) < 0) return NULL;
    int64_t off = obj_as_index_i64(args[0], Exc_OverflowError);
    if (off == -1 && err_occurred()) return NULL;
    int64_t whence = nargs > 1 ? obj_as_index_i64(args[1], Exc_OverflowError) : 0;
    if (whence == -1 && err_occurred()) return NULL;
    if (whence < 0 || whence > 2)
        return err_format(Exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (!f->binary && whence != 0 && off != 0)
        return err_set_str(get_unsupported(), whence == 1 ? "can't do nonzero cur-relative seeks"
                                                          : "can't do nonzero end-relative seeks");
    if (!f->binary && whence == 0 && off < 0)
        return err_format(Exc_ValueError, "negative seek position %lld", (long long)off);
    if (flush_wbuf(f) < 0) return NULL;
    if (whence == 1) {
        off_t cur = logical_pos(f);
        if (cur < 0) return err_from_errno(Exc_OSError);
        off += cur;
        whence = 0;
    }
    f->rlen = f->rpos = 0;
    f->pending_cr = false;
    f->eof = false;
    off_t r = lseek(f->fd, (off_t)off, (int)whence);
    if (r < 0) return err_from_errno(Exc_OSError);
    return int_from_i64((int64_t)r);
}

static Obj *m_truncate(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (args_check_count("truncate", nargs, kw, 0, 1) < 0) return NULL;
    if (check_writable(f) < 0 || flush_wbuf(f) < 0) return NULL;
    off_t size;
    if (nargs && args[0] != V_None) {
        int64_t v = obj_as_index_i64(args[0], Exc_OverflowError);
        if (v == -1 && err_occurred()) return NULL;
        size = (off_t)v;
    } else {
        size = logical_pos(f);
    }
    drop_rbuf(f);
    if (ftruncate(f->fd, size) < 0) return err_from_errno(Exc_OSError);
    return int_from_i64((int64_t)size);
}

static Obj *m_fileno(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    return MAKE_SMALL(F(self)->fd);
}
static Obj *m_isatty(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    RETURN_BOOL(isatty(F(self)->fd));
}
static Obj *m_readable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    RETURN_BOOL(F(self)->readable);
}
static Obj *m_writable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    RETURN_BOOL(F(self)->writable);
}
static Obj *m_seekable(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    RETURN_BOOL(lseek(F(self)->fd, 0, SEEK_CUR) >= 0);
}
static Obj *m_enter(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (check_open(F(self)) < 0) return NULL;
    return NEWREF(self);
}
static Obj *m_exit(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (do_close(F(self)) < 0) return NULL;
    RETURN_NONE;
}
static Obj *m_reconfigure(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    FileObj *f = F(self);
    if (nargs) return err_set_str(Exc_TypeError, "reconfigure() takes no positional arguments");
    size_t nkw = kw ? TUPLE_SIZE(kw) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Obj *k = TUPLE_GET(kw, i), *v = args[i];
        if (str_eq_cstr(k, "line_buffering")) {
            if (v != V_None) f->line_buffering = obj_is_true(v) > 0;
        } else if (str_eq_cstr(k, "write_through")) {
            if (v != V_None) f->write_through = obj_is_true(v) > 0;
        } else if (str_eq_cstr(k, "encoding") || str_eq_cstr(k, "errors") || str_eq_cstr(k, "newline")) {
            /* only UTF-8 with the default newline handling is supported here */
        } else {
            return err_format(Exc_TypeError, "'%U' is an invalid keyword argument for reconfigure()", k);
        }
    }
    if (flush_wbuf(f) < 0) return NULL;
    RETURN_NONE;
}

static const MethodDef file_methods[] = {
    {"read", m_read, METH_VARARGS, NULL},
    {"readline", m_readline, METH_VARARGS, NULL},
    {"readlines", m_readlines, METH_VARARGS, NULL},
    {"write", m_write, METH_O, NULL},
    {"writelines", m_writelines, METH_O, NULL},
    {"flush", m_flush, METH_NOARGS, NULL},
    {"close", m_close, METH_NOARGS, NULL},
    {"seek", m_seek, METH_VARARGS, NULL},
    {"tell", m_tell, METH_NOARGS, NULL},
    {"truncate", m_truncate, METH_VARARGS, NULL},
    {"fileno", m_fileno, METH_NOARGS, NULL},
    {"isatty", m_isatty, METH_NOARGS, NULL},
    {"readable", m_readable, METH_NOARGS, NULL},
    {"writable", m_writable, METH_NOARGS, NULL},
    {"seekable", m_seekable, METH_NOARGS, NULL},
    {"__enter__", m_enter, METH_NOARGS, NULL},
    {"__exit__", m_exit, METH_VARARGS, NULL},
    {"reconfigure", m_reconfigure, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL},
};

static Obj *g_closed(Obj *self) { RETURN_BOOL(F(self)->closed); }
static Obj *g_encoding(Obj *self) { return NEWREF(F(self)->encoding ? F(self)->encoding : V_None); }
static Obj *g_errors(Obj *self) { return NEWREF(F(self)->errors ? F(self)->errors : V_None); }
static Obj *g_line_buffering(Obj *self) { RETURN_BOOL(F(self)->line_buffering); }
static Obj *g_newlines(Obj *self) { RETURN_NONE; }
static FileObj *file_alloc(Type *t, int fd);
/* text.buffer: a binary file object on the same descriptor; the text object flushes it before
 * its own data, as CPython's TextIOWrapper over a BufferedWriter would. */
static Obj *g_buffer(Obj *self) {
    FileObj *f = F(self);
    if (f->buffer) return NEWREF(f->buffer);
    if (flush_wbuf(f) < 0) return NULL;
    Type *t = f->readable && f->writable ? &Type_BufferedRandom : f->readable ? &Type_BufferedReader
                                                                             : &Type_BufferedWriter;
    FileObj *b = file_alloc(t, f->fd);
    if (!b) return NULL;
    b->readable = f->readable;
    b->writable = f->writable;
    b->binary = true;
    b->closefd = false;
    b->write_through = false;
    b->name = NEWREF(f->name);
    b->mode = str_from_cstr(f->readable && f->writable ? "rb+" : f->readable ? "rb" : "wb");
    b->owner = NEWREF(self);
    if (!b->mode) { DECREF((Obj *)b); return NULL; }
    f->buffer = NEWREF((Obj *)b);
    return (Obj *)b;
}
static const GetSetDef text_getset[] = {
    {"closed", g_closed, NULL, NULL},
    {"encoding", g_encoding, NULL, NULL},
    {"errors", g_errors, NULL, NULL},
    {"line_buffering", g_line_buffering, NULL, NULL},
    {"newlines", g_newlines, NULL, NULL},
    {"buffer", g_buffer, NULL, NULL},
    {NULL},
};
static const GetSetDef binary_getset[] = {
    {"closed", g_closed, NULL, NULL},
    {NULL},
};
static const MemberDef file_members[] = {
    {"name", MEMBER_OBJECT, offsetof(FileObj, name), 0, NULL},
    {"mode", MEMBER_OBJECT, offsetof(FileObj, mode), 1, NULL},
    {"__dict__", MEMBER_OBJECT, offsetof(FileObj, dict), 1, NULL},
    {NULL},
};

static Obj *file_iter(Obj *self) {
    if (check_open(F(self)) < 0) return NULL;
    return NEWREF(self);
}
static Obj *file_next(Obj *self) {
    FileObj *f = F(self);
    if (prepare_read(f) < 0) return NULL;
    Obj *line = read_line(f, -1);
    if (line && is_empty(line)) { DECREF(line); return NULL; }
    return line;
}

static Obj *file_repr(Obj *self) {
    FileObj *f = F(self);
    const char *tn = TYPE(self)->name;
    Obj *name = f->name;
    StrBuilder sb;
    sb_init(&sb);
    sb_printf(&sb, "<%s", tn);
    if (name) {
        Obj *r = obj_repr(name);
        if (!r) { sb_discard(&sb); return NULL; }
        sb_append_cstr(&sb, " name=");
        sb_append_str(&sb, r);
        DECREF(r);
    }
    if (!f->binary) {
        if (f->mode) {
            Obj *r = obj_repr(f->mode);
            if (!r) { sb_discard(&sb); return NULL; }
            sb_append_cstr(&sb, " mode=");
            sb_append_str(&sb, r);
            DECREF(r);
        }
        Obj *r = obj_repr(f->encoding ? f->encoding : V_None);
        if (!r) { sb_discard(&sb); return NULL; }
        sb_append_cstr(&sb, " encoding=");
        sb_append_str(&sb, r);
        DECREF(r);
    }
    sb_append_char(&sb, '>');
    return sb_finish(&sb);
}

static void file_dealloc(Obj *self) {
    FileObj *f = F(self);
    gc_untrack(self);
    Obj *saved = err_fetch();
    if (!f->closed && do_close(f) < 0) err_clear();
    err_restore(saved);
    for (int i = 0; i < 3; i++)
        if (std_files[i] == self) std_files[i] = NULL;
    XDECREF(f->name); XDECREF(f->mode); XDECREF(f->encoding); XDECREF(f->errors); XDECREF(f->dict);
    XDECREF(f->owner); XDECREF(f->buffer);
    free(f->rbuf);
    free(f->wbuf);
    obj_free(self);
}
static int file_traverse(Obj *self, visitproc visit, void *arg) {
    FileObj *f = F(self);
    if (f->dict && visit(f->dict, arg)) return 1;
    if (f->owner && visit(f->owner, arg)) return 1;
    if (f->buffer && visit(f->buffer, arg)) return 1;
    return 0;
}

#define FILE_TYPE(var, tname, gs) \
    Type var = { \
        .ob = OBJ_HEAD_INIT(&Type_type), .name = tname, .basicsize = sizeof(FileObj), \
        .flags = TPFLAG_HAVE_GC | TPFLAG_BASETYPE, .dict_offset = offsetof(FileObj, dict), \
        .dealloc = file_dealloc, .traverse = file_traverse, .repr = file_repr, \
        .iter = file_iter, .iternext = file_next, .methods = file_methods, .getset = gs, \
        .members = file_members, \
    };
FILE_TYPE(Type_TextIOWrapper, "_io.TextIOWrapper", text_getset)
FILE_TYPE(Type_BufferedReader, "_io.BufferedReader", binary_getset)
FILE_TYPE(Type_BufferedWriter, "_io.BufferedWriter", binary_getset)
FILE_TYPE(Type_BufferedRandom, "_io.BufferedRandom", binary_getset)

int fileio_init(void) {
    Type *ts[] = {&Type_TextIOWrapper, &Type_BufferedReader, &Type_BufferedWriter, &Type_BufferedRandom};
    for (size_t i = 0; i < 4; i++)
        if (type_ready(ts[i]) < 0) return -1;
    return 0;
}

static FileObj *file_alloc(Type *t, int fd) {
    FileObj *f = (FileObj *)gc_alloc(t, sizeof(FileObj));
    if (!f) return NULL;
    f->fd = fd;
    gc_track((Obj *)f);
    return f;
}

Obj *file_from_fd(int fd, const char *mode, const char *name) {
    FileObj *f = file_alloc(&Type_TextIOWrapper, fd);
    if (!f) return NULL;
    f->readable = mode[0] == 'r';
    f->writable = mode[0] != 'r';
    f->closefd = false;
    f->line_buffering = isatty(fd) != 0;
    f->write_through = fd == 2;
    f->name = str_from_cstr(name);
    f->mode = str_from_cstr(mode);
    f->encoding = str_from_cstr("utf-8");
    f->errors = str_from_cstr(fd == 2 ? "backslashreplace" : "strict");
    strcpy(f->codec, "utf-8");
    strcpy(f->errh, fd == 2 ? "backslashreplace" : fd == 0 ? "strict" : "strict");
    if (!f->name || !f->mode || !f->encoding || !f->errors) { DECREF((Obj *)f); return NULL; }
    if (fd >= 0 && fd < 3) std_files[fd] = (Obj *)f;
    return (Obj *)f;
}

/* ---- open() ---- */

/* Classify an encoding name (LookupError if the codecs don't know it). */
static int parse_encoding(Obj *enc, int *out) {
    Obj *probe = codec_decode("", 0, str_cstr(enc), "strict");
    if (!probe) return -1;
    DECREF(probe);
    char buf[32];
    const char *s = str_cstr(enc);
    size_t n = strlen(s);
    if (n >= sizeof buf) { *out = ENC_WIDE; return 0; }
    for (size_t i = 0; i <= n; i++) {
        char c = s[i];
        buf[i] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c == '_' ? '-' : c);
    }
    if (!strcmp(buf, "utf-8") || !strcmp(buf, "utf8") || !strcmp(buf, "u8") || !strcmp(buf, "utf") ||
        !strcmp(buf, "utf-8-sig") || !strcmp(buf, "utf8-sig") || !strcmp(buf, "cp65001"))
        *out = ENC_UTF8;
    else if (!strcmp(buf, "latin-1") || !strcmp(buf, "latin1") || !strcmp(buf, "iso-8859-1") || !strcmp(buf, "latin") ||
             !strcmp(buf, "iso8859-1") || !strcmp(buf, "l1") || !strcmp(buf, "cp819") || !strcmp(buf, "8859"))
        *out = ENC_LATIN1;
    else if (!strcmp(buf, "ascii") || !strcmp(buf, "us-ascii") || !strcmp(buf, "646") || !strcmp(buf, "us"))
        *out = ENC_ASCII;
    else
        *out = ENC_WIDE;
    return 0;
}

static Obj *oserror_with_filename(Obj *file) {
    int e = errno;
    Obj *args[3] = {MAKE_SMALL(e), str_from_cstr(strerror(e)), file};
    if (!args[1]) return NULL;
    Obj *exc = obj_call((Obj *)Exc_OSError, args, 3, NULL);
    DECREF(args[1]);
    if (exc) { err_set_instance(exc); DECREF(exc); }
    return NULL;
}

Obj *file_open(Obj *const *args, size_t nargs, Obj *kwnames) {
    static const char *const names[] = {"file", "mode", "buffering", "encoding", "errors", "newline",
                                        "closefd", "opener"};
    Obj *a[8];
    if (args_parse("open", args, nargs, kwnames, names, 8, 1, 8, a) < 0) return NULL;
    Obj *file = a[0];
    const char *mode = "r";
    if (a[1]) {
        if (!STR_CHECK(a[1]))
            return err_format(Exc_TypeError, "open() argument 'mode' must be str, not %s", TP_NAME(TYPE(a[1])));
        mode = str_cstr(a[1]);
    }
    int64_t buffering = -1;
    if (a[2]) {
        buffering = obj_as_index_i64(a[2], Exc_OverflowError);
        if (buffering == -1 && err_occurred()) return NULL;
    }
    for (int i = 3; i <= 5; i++) {
        if (a[i] == V_None) a[i] = NULL;
        if (a[i] && !STR_CHECK(a[i]))
            return err_format(Exc_TypeError, "open() argument '%s' must be str or None, not %s", names[i],
                              TP_NAME(TYPE(a[i])));
    }
    bool creating = false, reading = false, writing = false, appending = false, updating = false;
    bool text = false, binary = false;
    for (const char *p = mode; *p; p++) {
        if (strchr(p + 1, *p) || !strchr("xrwab+t", *p))
            return err_format(Exc_ValueError, "invalid mode: '%s'", mode);
        switch (*p) {
        case 'x': creating = true; break;
        case 'r': reading = true; break;
        case 'w': writing = true; break;
        case 'a': appending = true; break;
        case '+': updating = true; break;
        case 't': text = true; break;
        case 'b': binary = true; break;
        }
    }
    if (text && binary) return err_set_str(Exc_ValueError, "can't have text and binary mode at once");
    int nmodes = (int)creating + (int)reading + (int)writing + (int)appending;
    if (nmodes > 1) return err_set_str(Exc_ValueError, "must have exactly one of create/read/write/append mode");
    if (nmodes == 0)
        return err_set_str(Exc_ValueError,
                           "Must have exactly one of create/read/write/append mode and at most one plus");
    if (binary && a[3]) return err_set_str(Exc_ValueError, "binary mode doesn't take an encoding argument");
    if (binary && a[4]) return err_set_str(Exc_ValueError, "binary mode doesn't take an errors argument");
    if (binary && a[5]) return err_set_str(Exc_ValueError, "binary mode doesn't take a newline argument");
    if (binary && buffering == 1)
        if (warn_format(Exc_RuntimeWarning, 1,
                        "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used") < 0)
            return NULL;
    if (!binary && buffering == 0) return err_set_str(Exc_ValueError, "can't have unbuffered text I/O");
    int nl = NL_UNIVERSAL;
    if (a[5]) {
        const char *s = str_cstr(a[5]);
        if (!*s) nl = NL_NONE_TRANSLATE;
        else if (!strcmp(s, "\n")) nl = NL_LF;
        else if (!strcmp(s, "\r")) nl = NL_CR;
        else if (!strcmp(s, "\r\n")) nl = NL_CRLF;
        else return err_format(Exc_ValueError, "illegal newline value: %s", s);
    }
    int enc = ENC_UTF8;
    if (a[3] && !str_eq_cstr(a[3], "locale") && parse_encoding(a[3], &enc) < 0) return NULL;
    if (a[4]) {   /* validate the error handler name as CPython does at open() */
        Obj *probe = codec_decode("", 0, "utf-8", str_cstr(a[4]));
        if (!probe) return NULL;
        DECREF(probe);
    }
    bool closefd = true;
    if (a[6]) {
        int t = obj_is_true(a[6]);
        if (t < 0) return NULL;
        closefd = t;
    }

    int flags = O_CLOEXEC;
    if (reading) flags |= updating ? O_RDWR : O_RDONLY;
    else {
        flags |= (updating ? O_RDWR : O_WRONLY) | O_CREAT;
        if (writing) flags |= O_TRUNC;
        if (appending) flags |= O_APPEND;
        if (creating) flags |= O_EXCL;
    }
    int fd;
    Obj *path = NULL;
    if (INT_CHECK(file) && file != V_True && file != V_False) {
        int64_t v = int_as_i64(file);
        if (v == -1 && err_occurred()) return NULL;
        if (v < 0) return err_set_str(Exc_ValueError, "negative file descriptor");
        fd = (int)v;
    } else {
        if (!closefd) return err_set_str(Exc_ValueError, "Cannot use closefd=False with file name");
        if (STR_CHECK(file) || BYTES_CHECK(file)) {
            path = NEWREF(file);
        } else {
            Obj *fsp = obj_lookup_special(file, str_intern_cstr("__fspath__"));
            if (!fsp) {
                if (err_occurred()) return NULL;
                return err_format(Exc_TypeError, "expected str, bytes or os.PathLike object, not %s",
                                  TP_NAME(TYPE(file)));
            }
            path = obj_call0(fsp);
            DECREF(fsp);
            if (!path) return NULL;
            if (!STR_CHECK(path) && !BYTES_CHECK(path)) {
                DECREF(path);
                return err_format(Exc_TypeError, "expected %s.__fspath__() to return str or bytes, not %s",
                                  TP_NAME(TYPE(file)), TP_NAME(TYPE(path)));
            }
        }
        const char *p = STR_CHECK(path) ? str_cstr(path) : BYTES_DATA(path);
        if (strlen(p) != (STR_CHECK(path) ? STR_SIZE(path) : BYTES_SIZE(path))) {
            DECREF(path);
            return err_set_str(Exc_ValueError, "embedded null byte");
        }
        if (a[7] && a[7] != V_None) {
            Obj *fl = int_from_i64(flags);
            Obj *r = fl ? obj_call2(a[7], path, fl) : NULL;
            XDECREF(fl);
            if (!r) { DECREF(path); return NULL; }
            int64_t v = int_as_i64(r);
            DECREF(r);
            if (v == -1 && err_occurred()) { DECREF(path); return NULL; }
            if (v < 0) { DECREF(path); return err_format(Exc_ValueError, "opener returned %lld", (long long)v); }
            fd = (int)v;
        } else {
            do {
                fd = open(p, flags, 0666);
            } while (fd < 0 && errno == EINTR);
            if (fd < 0) {
                oserror_with_filename(file);
                DECREF(path);
                return NULL;
            }
        }
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            close(fd);
            errno = EISDIR;
            oserror_with_filename(file);
            DECREF(path);
            return NULL;
        }
        DECREF(path);
    }
    Type *t = !binary ? &Type_TextIOWrapper
              : updating ? &Type_BufferedRandom
              : reading ? &Type_BufferedReader : &Type_BufferedWriter;
    FileObj *f = file_alloc(t, fd);
    if (!f) { if (closefd) close(fd); return NULL; }
    f->readable = reading || updating;
    f->writable = !reading || updating;
    f->appending = appending;
    f->binary = binary;
    f->closefd = closefd;
    f->newline = nl;
    f->enc = enc;
    snprintf(f->codec, sizeof f->codec, "%s",
             a[3] && !str_eq_cstr(a[3], "locale") && STR_SIZE(a[3]) < sizeof f->codec ? str_cstr(a[3]) : "utf-8");
    snprintf(f->errh, sizeof f->errh, "%s", a[4] && STR_SIZE(a[4]) < sizeof f->errh ? str_cstr(a[4]) : "strict");
    f->line_buffering = !binary && (buffering == 1 || (buffering < 0 && isatty(fd)));
    f->write_through = false;
    f->name = NEWREF(file);
    if (binary) {
        /* the raw FileIO mode CPython reports */
        f->mode = str_from_cstr(creating ? (updating ? "xb+" : "xb") : reading ? (updating ? "rb+" : "rb")
                                : writing ? (updating ? "rb+" : "wb") : (updating ? "ab+" : "ab"));
    } else {
        f->mode = str_from_cstr(mode);
        f->encoding = a[3] ? NEWREF(a[3]) : str_from_cstr("UTF-8");
        f->errors = a[4] ? NEWREF(a[4]) : str_from_cstr("strict");
    }
    if (!f->mode || (!binary && (!f->encoding || !f->errors))) { DECREF((Obj *)f); return NULL; }
    off_t endpos = appending ? lseek(fd, 0, SEEK_END) : 0;
    if (!binary && f->writable && !reading && endpos == 0 &&
        (!strcmp(f->codec, "utf-8-sig") || !strcmp(f->codec, "utf8-sig") || !strcmp(f->codec, "utf_8_sig")))
        f->bom_pending = true;
    return (Obj *)f;
}
