/* test_dict.c: unit tests of the dict through its C API, with a live interpreter: insertion
 * order survives deletions and resizes, lookups agree with a reference table, the version
 * number changes on every mutation (the VM's global caches depend on it), and int keys hash
 * as CPython's do. Returns 0 on success. */
#include <stdio.h>
#include "vm.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { printf(__VA_ARGS__); printf("\n"); failures++; } } while (0)

static void test_order_and_lookup(void) {
    Obj *d = dict_new();
    enum { N = 5000 };
    for (int64_t i = 0; i < N; i++) {
        Obj *k = MAKE_SMALL(i * 7919 % 10007);
        CHECK(dict_set(d, k, MAKE_SMALL(i)) == 0, "dict_set %lld failed", (long long)i);
    }
    CHECK(dict_size(d) == N, "size %zu, want %d", dict_size(d), N);
    /* delete every third key, then check order and lookups of the rest */
    for (int64_t i = 0; i < N; i += 3)
        CHECK(dict_del(d, MAKE_SMALL(i * 7919 % 10007)) == 0, "dict_del %lld", (long long)i);
    size_t pos = 0;
    Obj *k, *v;
    int64_t expect = 1;
    while (dict_next(d, &pos, &k, &v)) {
        if (expect % 3 == 0) expect++;
        CHECK(SMALL_VALUE(v) == expect, "order: got value %lld, want %lld",
              (long long)SMALL_VALUE(v), (long long)expect);
        CHECK(SMALL_VALUE(k) == expect * 7919 % 10007, "key/value pairing broken at %lld", (long long)expect);
        expect++;
    }
    for (int64_t i = 0; i < N; i++) {
        Obj *got = dict_get(d, MAKE_SMALL(i * 7919 % 10007));
        if (i % 3 == 0) CHECK(got == NULL, "deleted key %lld still found", (long long)i);
        else CHECK(got && SMALL_VALUE(got) == i, "lookup of key for %lld failed", (long long)i);
    }
    DECREF(d);
}

static void test_versions_and_str_keys(void) {
    Obj *d = dict_new();
    uint64_t v0 = dict_version(d);
    CHECK(dict_set_cstr(d, "alpha", MAKE_SMALL(1)) == 0, "set alpha");
    uint64_t v1 = dict_version(d);
    CHECK(v1 != v0, "version unchanged by an insert");
    CHECK(dict_set_cstr(d, "alpha", MAKE_SMALL(2)) == 0, "replace alpha");
    uint64_t v2 = dict_version(d);
    CHECK(v2 != v1, "version unchanged by a replace");
    Obj *key = str_from_cstr("alpha");   /* a different object with the same text */
    Obj *got = dict_get(d, key);
    CHECK(got && SMALL_VALUE(got) == 2, "lookup by an equal, non-identical str failed");
    CHECK(dict_del(d, key) == 0 && dict_version(d) != v2, "version unchanged by a delete");
    CHECK(dict_del(d, key) == -1 && err_matches(Exc_KeyError), "missing key must raise KeyError");
    err_clear();
    DECREF(key);
    DECREF(d);
}

static void test_int_hash_matches_cpython(void) {
    /* CPython: hash(-1) == -2, hash(2**61 - 1) == 0, hash(2**61) == 1 */
    CHECK(obj_hash(MAKE_SMALL(-1)) == -2, "hash(-1)");
    CHECK(obj_hash(MAKE_SMALL(((int64_t)1 << 61) - 1)) == 0, "hash(2**61-1)");
    Obj *big = int_from_string("2305843009213693952", 19, 10);   /* 2**61 */
    CHECK(big && obj_hash(big) == 1, "hash(2**61)");
    XDECREF(big);
}

int main(int argc, char **argv) {
    if (!vm_init(argc, argv)) return 1;
    test_order_and_lookup();
    test_versions_and_str_keys();
    test_int_hash_matches_cpython();
    printf("test_dict: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
