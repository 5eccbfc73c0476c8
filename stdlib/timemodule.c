/* timemodule.c: the time module: clocks, sleep, and conversions to broken-down time. */
#include <errno.h>
#include <string.h>
#include <time.h>
#include "vm.h"
#include "modules.h"
#include "structseq.h"
#include "gil.h"

static double clock_seconds(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static Obj *clock_ns(clockid_t id) {
    struct timespec ts;
    clock_gettime(id, &ts);
    return int_from_i64((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
}

#define CLOCK_FUNCS(pyname, id) \
    static Obj *time_##pyname(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { \
        return float_from_double(clock_seconds(id)); \
    } \
    static Obj *time_##pyname##_ns(Obj *self, Obj *const *args, size_t nargs, Obj *kw) { \
        return clock_ns(id); \
    }
CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

/* time.sleep: sleeps in slices so that Ctrl-C (the eval breaker) interrupts it promptly. */
static Obj *time_sleep(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    double secs = float_as_double(args[0]);
    if (secs == -1.0 && err_occurred()) return NULL;
    if (secs < 0) return err_set_str(Exc_ValueError, "sleep length must be non-negative");
    double deadline = clock_seconds(CLOCK_MONOTONIC) + secs;
    if (secs == 0) {
        /* sleep(0) still lets other threads run, as in CPython */
        VT_BEGIN_ALLOW_THREADS(GIL_DROP_SLEEP)
        VT_END_ALLOW_THREADS
    }
    for (;;) {
        double left = deadline - clock_seconds(CLOCK_MONOTONIC);
        if (left <= 0) break;
        if (left > 0.05) left = 0.05;
        struct timespec ts = {(time_t)left, (long)((left - (time_t)left) * 1e9)};
        /* no object is touched while the GIL is released */
        VT_BEGIN_ALLOW_THREADS(GIL_DROP_SLEEP)
        nanosleep(&ts, NULL);
        VT_END_ALLOW_THREADS
        Interp *interp = vm_interp();
        if (interp->eval_breaker && vm_handle_breaker(vm_ts()) < 0) return NULL;
    }
    RETURN_NONE;
}

static int time_arg(Obj *const *args, size_t nargs, time_t *out) {
    if (nargs == 0 || args[0] == V_None) { *out = time(NULL); return 0; }
    double d = float_as_double(args[0]);
    if (d == -1.0 && err_occurred()) return -1;
    *out = (time_t)d;
    return 0;
}

/* time.struct_time: a structseq of the nine tm_* fields (tm_zone/tm_gmtoff not provided). */
static Type *struct_time_type;
static const char *const struct_time_fields[] = {"tm_year", "tm_mon", "tm_mday", "tm_hour",
    "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"};

static Obj *tm_to_tuple(const struct tm *tm) {
    int64_t v[9] = {tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min,
                    tm->tm_sec, (tm->tm_wday + 6) % 7, tm->tm_yday + 1, tm->tm_isdst};
    Obj *items[9];
    for (int i = 0; i < 9; i++) items[i] = MAKE_SMALL(v[i]);
    return structseq_new(struct_time_type, items);
}

static int tuple_to_tm(Obj *t, struct tm *tm) {
    Obj *seq = seq_to_tuple(t);
    if (!seq) return -1;
    if (TUPLE_SIZE(seq) != 9) {
        DECREF(seq);
        err_set_str(Exc_TypeError, "time tuple must have exactly 9 elements");
        return -1;
    }
    int64_t v[9];
    for (int i = 0; i < 9; i++) {
        v[i] = int_as_i64(TUPLE_GET(seq, i));
        if (v[i] == -1 && err_occurred()) { DECREF(seq); return -1; }
    }
    DECREF(seq);
    memset(tm, 0, sizeof *tm);
    tm->tm_year = (int)v[0] - 1900; tm->tm_mon = (int)v[1] - 1; tm->tm_mday = (int)v[2];
    tm->tm_hour = (int)v[3]; tm->tm_min = (int)v[4]; tm->tm_sec = (int)v[5];
    tm->tm_wday = (int)((v[6] + 1) % 7); tm->tm_yday = (int)v[7] - 1; tm->tm_isdst = (int)v[8];
    return 0;
}

static Obj *time_localtime(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    time_t t;
    struct tm tm;
    if (time_arg(args, nargs, &t) < 0) return NULL;
    localtime_r(&t, &tm);
    return tm_to_tuple(&tm);
}

static Obj *time_gmtime(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    time_t t;
    struct tm tm;
    if (time_arg(args, nargs, &t) < 0) return NULL;
    gmtime_r(&t, &tm);
    return tm_to_tuple(&tm);
}

static Obj *time_mktime(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    struct tm tm;
    if (tuple_to_tm(args[0], &tm) < 0) return NULL;
    return float_from_double((double)mktime(&tm));
}

static Obj *time_strftime(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    if (args_check_count("strftime", nargs, kw, 1, 2) < 0) return NULL;
    if (!STR_CHECK(args[0]))
        return err_format(Exc_TypeError, "strftime() argument 1 must be str, not %T", args[0]);
    struct tm tm;
    if (nargs > 1) {
        if (tuple_to_tm(args[1], &tm) < 0) return NULL;
    } else {
        time_t t = time(NULL);
        localtime_r(&t, &tm);
    }
    char buf[1024];
    size_t n = strftime(buf, sizeof buf, STR_DATA(args[0]), &tm);
    return str_from_utf8(buf, n);
}

static Obj *time_ctime(Obj *self, Obj *const *args, size_t nargs, Obj *kw) {
    time_t t;
    struct tm tm;
    if (time_arg(args, nargs, &t) < 0) return NULL;
    localtime_r(&t, &tm);
    char buf[64];
    size_t n = strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    return str_from_utf8(buf, n);
}

static const MethodDef time_methods[] = {
    {"time", time_time, METH_NOARGS, NULL},
    {"time_ns", time_time_ns, METH_NOARGS, NULL},
    {"perf_counter", time_perf_counter, METH_NOARGS, NULL},
    {"perf_counter_ns", time_perf_counter_ns, METH_NOARGS, NULL},
    {"monotonic", time_monotonic, METH_NOARGS, NULL},
    {"monotonic_ns", time_monotonic_ns, METH_NOARGS, NULL},
    {"process_time", time_process_time, METH_NOARGS, NULL},
    {"process_time_ns", time_process_time_ns, METH_NOARGS, NULL},
    {"thread_time", time_thread_time, METH_NOARGS, NULL},
    {"thread_time_ns", time_thread_time_ns, METH_NOARGS, NULL},
    {"sleep", time_sleep, METH_O, NULL},
    {"localtime", time_localtime, METH_VARARGS, NULL},
    {"gmtime", time_gmtime, METH_VARARGS, NULL},
    {"mktime", time_mktime, METH_O, NULL},
    {"strftime", time_strftime, METH_VARARGS, NULL},
    {"ctime", time_ctime, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

Obj *modinit_time(void) {
    Obj *mod = module_new("time");
    if (!mod) return NULL;
    tzset();
    if (!struct_time_type)
        struct_time_type = structseq_new_type("time", "struct_time", struct_time_fields, 9);
    if (struct_time_type) structseq_set_extra_fields(struct_time_type, 2);
    if (!struct_time_type || module_add_methods(mod, time_methods) < 0 ||
        module_add_object(mod, "struct_time", (Obj *)struct_time_type) < 0 ||
        module_add_int(mod, "timezone", timezone) < 0) {
        DECREF(mod);
        return NULL;
    }
    return mod;
}
