/* test_gc_random.c: randomized test of the cycle collector. Each round builds a random graph
 * of Python objects (instances with a __del__, linked through lists, dicts and wrapper lists,
 * with many cycles), each watched by a weakref with a callback; it drops random roots, runs a
 * full collection, and checks that exactly the objects no kept root reaches died, that every
 * finalizer ran once and every weakref callback fired once. Fixed seeds: reproducible.
 * Returns 0 on success. */
#include <stdio.h>
#include <string.h>
#include "vm.h"
#include "gc.h"

static int failures;
static long total_garbage, total_kept;   /* shows the rounds tested both outcomes */

#define CHECK(cond, ...) do { if (!(cond)) { printf(__VA_ARGS__); printf("\n"); failures++; } } while (0)

/* The Python side: nodes record their finalization in `deaths`, weakref callbacks in `cbs`. */
static const char *prelude =
    "import weakref\n"
    "deaths = []\n"
    "cbs = []\n"
    "wrs = {}\n"
    "class Node:\n"
    "    def __init__(self, i):\n"
    "        self.i = i\n"
    "        self.edges = []\n"
    "        self.attrs = {}\n"
    "    def __del__(self):\n"
    "        deaths.append(self.i)\n"
    "def track(node):\n"
    "    i = node.i\n"
    "    wrs[i] = weakref.ref(node, lambda r: cbs.append(i))\n";

static uint64_t rng_state;
static uint32_t rnd(uint32_t n) {       /* xorshift64*: uniform enough, and the same everywhere */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

enum { N = 80, MAXE = 160 };

static Obj *main_dict;
static Obj *attr(Obj *o, const char *name) {
    Obj *s = str_from_cstr(name);
    Obj *r = s ? obj_getattr(o, s) : NULL;
    XDECREF(s);
    return r;
}

/* Occurrences of each node id (round-local, 0..N-1) in the Python list `name`. */
static void tally(const char *name, int base, int counts[N]) {
    memset(counts, 0, sizeof(int) * N);
    Obj *l = dict_get_cstr(main_dict, name);
    for (size_t k = 0; k < LIST_SIZE(l); k++) {
        int64_t id = SMALL_VALUE(LIST_GET(l, k)) - base;
        if (id >= 0 && id < N) counts[id]++;
    }
}

static void clear_list(const char *name) {
    Obj *clear = attr(dict_get_cstr(main_dict, name), "clear");
    Obj *r = clear ? obj_call(clear, NULL, 0, NULL) : NULL;
    CHECK(r != NULL, "%s.clear() failed", name);
    XDECREF(r);
    XDECREF(clear);
    if (!r) err_clear();
}

static void round_(int round, int base) {
    Obj *node_type = dict_get_cstr(main_dict, "Node");
    Obj *track = dict_get_cstr(main_dict, "track");
    Obj *roots[N];
    static bool adj[N][N];
    memset(adj, 0, sizeof adj);
    for (int i = 0; i < N; i++) {
        Obj *arg = MAKE_SMALL(base + i);
        roots[i] = obj_call(node_type, &arg, 1, NULL);
        CHECK(roots[i] != NULL, "round %d: Node(%d) failed", round, i);
        if (!roots[i]) { err_clear(); return; }
        Obj *r = obj_call(track, &roots[i], 1, NULL);
        CHECK(r != NULL, "track failed");
        XDECREF(r);
    }
    /* random edges u -> v through the node's list, its dict, or a fresh wrapper list */
    int edges = (int)rnd(MAXE);
    for (int e = 0; e < edges; e++) {
        int u = (int)rnd(N), v = (int)rnd(N);
        adj[u][v] = true;
        int how = (int)rnd(3);
        if (how == 0) {
            Obj *l = attr(roots[u], "edges");
            CHECK(l && list_append(l, roots[v]) == 0, "append failed");
            XDECREF(l);
        } else if (how == 1) {
            Obj *d = attr(roots[u], "attrs");
            CHECK(d && dict_set(d, MAKE_SMALL(e), roots[v]) == 0, "dict_set failed");
            XDECREF(d);
        } else {
            Obj *l = attr(roots[u], "edges"), *w = list_new(0);
            CHECK(l && w && list_append(w, roots[v]) == 0 && list_append(l, w) == 0, "wrap failed");
            XDECREF(w);
            XDECREF(l);
        }
    }
    /* drop random roots, then compute what the kept ones reach */
    bool kept[N], reach[N] = {false};
    int stack[N], sp = 0;
    for (int i = 0; i < N; i++) {
        kept[i] = rnd(3) == 0;
        if (kept[i]) { reach[i] = true; stack[sp++] = i; }
    }
    while (sp) {
        int u = stack[--sp];
        for (int v = 0; v < N; v++)
            if (adj[u][v] && !reach[v]) { reach[v] = true; stack[sp++] = v; }
    }
    for (int i = 0; i < N; i++)
        if (!kept[i]) CLEAR(roots[i]);
    gc_collect(2);
    CHECK(!err_occurred(), "round %d: error after collection", round);

    int deaths[N], cbs[N];
    tally("deaths", base, deaths);
    tally("cbs", base, cbs);
    for (int i = 0; i < N; i++) {
        int want = reach[i] ? 0 : 1;
        if (reach[i]) total_kept++; else total_garbage++;
        CHECK(deaths[i] == want, "round %d: node %d finalized %d times, want %d", round, i, deaths[i], want);
        CHECK(cbs[i] == want, "round %d: node %d weakref callback ran %d times, want %d", round, i, cbs[i], want);
    }
    /* drop the rest: now everything must die, each finalizer still exactly once */
    for (int i = 0; i < N; i++) XDECREF(roots[i]);
    gc_collect(2);
    tally("deaths", base, deaths);
    tally("cbs", base, cbs);
    for (int i = 0; i < N; i++) {
        CHECK(deaths[i] == 1, "round %d: node %d finalized %d times in all", round, i, deaths[i]);
        CHECK(cbs[i] == 1, "round %d: node %d weakref callback ran %d times in all", round, i, cbs[i]);
    }
    clear_list("deaths");
    clear_list("cbs");
    clear_list("wrs");
}

int main(int argc, char **argv) {
    if (!vm_init(argc, argv)) return 1;
    if (vm_run_string(prelude, "<test_gc_random>") != 0) { printf("prelude failed\n"); return 1; }
    main_dict = MODULE_DICT(vm_interp()->main_module);
    for (int round = 0; round < 200 && failures < 20; round++) {
        rng_state = 0x9E3779B97F4A7C15ULL * (uint64_t)(round + 1);
        round_(round, round * N);
    }
    printf("test_gc_random: %ld objects died, %ld survived the first collection\n",
           total_garbage, total_kept);
    CHECK(total_garbage > 0 && total_kept > 0, "the random graphs tested only one outcome");
    printf("test_gc_random: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
