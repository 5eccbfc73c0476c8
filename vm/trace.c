/* trace.c: the event bus. Kinds are switched on in a bit mask; each emitted event becomes one
 * human-readable line on the trace sink (stderr or --trace-file), prefixed with the time since
 * start, the emitting thread's name and the kind. */
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include "trace.h"
#include "vm.h"

volatile uint32_t trace_mask;
static FILE *trace_out;
static struct timespec trace_t0;
static bool trace_t0_set;

static const char *const kind_names[TRACE__COUNT] = {
#define X(e, s) s,
    TRACE_KINDS(X)
#undef X
};

const char *trace_kind_name(int kind) {
    return kind >= 0 && kind < TRACE__COUNT ? kind_names[kind] : "?";
}

void trace_set(int kind, int on) {
    if (!trace_t0_set) {
        clock_gettime(CLOCK_MONOTONIC, &trace_t0);
        trace_t0_set = true;
    }
    uint32_t before = trace_mask;
    if (on) trace_mask |= 1u << kind;
    else trace_mask &= ~(1u << kind);
    if (kind == TRACE_ATTR && before != trace_mask) type_attr_trace_switched();
}

int trace_attr_all;

int trace_parse_spec(const char *spec, uint32_t *kinds, bool *attr_all) {
    while (*spec) {
        const char *comma = strchr(spec, ',');
        size_t n = comma ? (size_t)(comma - spec) : strlen(spec);
        int found = -1;
        if (n == 8 && strncmp(spec, "attr:all", 8) == 0) {   /* attr, built-in types included */
            *attr_all = true;
            found = TRACE_ATTR;
        }
        for (int k = 0; k < TRACE__COUNT; k++)
            if (strlen(kind_names[k]) == n && strncmp(kind_names[k], spec, n) == 0) found = k;
        if (found < 0) return -1;
        *kinds |= 1u << found;
        spec += n;
        if (*spec == ',') spec++;
    }
    return 0;
}

int trace_enable_spec(const char *spec) {
    uint32_t kinds = 0;
    bool attr_all = false;
    if (trace_parse_spec(spec, &kinds, &attr_all) < 0) return -1;
    if (attr_all) trace_attr_all = 1;
    for (int k = 0; k < TRACE__COUNT; k++)
        if (kinds & (1u << k)) trace_set(k, 1);
    return 0;
}

int trace_set_file(const char *path) {
    if (trace_out && trace_out != stderr) fclose(trace_out);
    trace_out = NULL;
    if (!path) return 0;
    trace_out = fopen(path, "w");
    return trace_out ? 0 : -1;
}

static const char *current_thread_name(void) {
    ThreadState *ts = vm_ts();
    if (ts && ts->name && STR_CHECK(ts->name)) return STR_DATA(ts->name);
    return "MainThread";
}

void trace_emitf(int kind, const char *fmt, ...) {
    FILE *out = trace_out ? trace_out : stderr;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double t = (double)(now.tv_sec - trace_t0.tv_sec) + (now.tv_nsec - trace_t0.tv_nsec) / 1e9;
    /* Build the whole line first and write it with one call, so that lines emitted by
     * threads waiting for the GIL (which do not hold it) never interleave mid-line. */
    char line[1024];
    int n = snprintf(line, sizeof line, "[%10.6f] %-10s %-5s ", t, current_thread_name(),
                     trace_kind_name(kind));
    if (n < 0) return;
    if ((size_t)n < sizeof line - 1) {
        va_list ap;
        va_start(ap, fmt);
        int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
        va_end(ap);
        if (m > 0) n += m;
    }
    if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    flockfile(out);
    fwrite(line, 1, (size_t)n, out);
    funlockfile(out);
}
