/* randommodule.c: _random, the Mersenne Twister core of random.py (MT19937 seeded exactly as
 * CPython's, so seeded sequences match), plus _sha512 used for str/bytes seeds. */
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "dict.h"
#include "gc.h"
#include "vm.h"
#include "modules.h"

#define MT_N 624
#define MT_M 397
#define MATRIX_A 0x9908b0dfU
#define UPPER_MASK 0x80000000U
#define LOWER_MASK 0x7fffffffU

typedef struct {
    Obj ob;
    int index;
    uint32_t state[MT_N];
} RandomObj;

extern Type Type_Random;

static uint32_t genrand_uint32(RandomObj *r) {
    static const uint32_t mag01[2] = {0x0U, MATRIX_A};
    uint32_t *mt = r->state;
    uint32_t y;
    if (r->index >= MT_N) {
        int kk;
        for (kk = 0; kk < MT_N - MT_M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + MT_M] ^ (y >> 1) ^ mag01[y & 1U];
        }
        for (; kk < MT_N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (MT_M - MT_N)] ^ (y >> 1) ^ mag01[y & 1U];
        }
        y = (mt[MT_N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[MT_N - 1] = mt[MT_M - 1] ^ (y >> 1) ^ mag01[y & 1U];
        r->index = 0;
    }
    y = mt[r->index++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= (y >> 18);
    return y;
}

static void init_genrand(RandomObj *r, uint32_t s) {
    uint32_t *mt = r->state;
    mt[0] = s;
    for (int i = 1; i < MT_N; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    r->index = MT_N;
}

static void init_by_array(RandomObj *r, const uint32_t *key, size_t keylen) {
    uint32_t *mt = r->state;
    init_genrand(r, 19650218U);
    size_t i = 1, j = 0;
    size_t k = MT_N > keylen ? MT_N : keylen;
    for (; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
        if (j >= keylen) j = 0;
    }
    for (k = MT_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint32_t)i;
        i++;
        if (i >= MT_N) { mt[0] = mt[MT_N - 1]; i = 1; }
    }
    mt[0] = 0x80000000U;
}

/* Seed from os.urandom-quality bytes; falls back to time and pid if /dev/urandom fails. */
static void seed_urandom(RandomObj *r) {
    uint32_t key[MT_N];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    size_t got = 0;
    if (fd >= 0) {
        while (got < sizeof key) {
            ssize_t n = read(fd, (char *)key + got, sizeof key - got);
            if (n <= 0) break;
            got += (size_t)n;
        }
        close(fd);
    }
    if (got < sizeof key) {
        key[0] = (uint32_t)time(NULL);
        key[1] = (uint32_t)getpid();
        init_by_array(r, key, 2);
        return;
    }
    init_by_array(r, key, MT_N);
}

/* Seed from a non-negative integer (all its bits, least significant 32-bit word first). */
static int seed_int(RandomObj *r, Obj *n) {
    mpz_t z;
    mpz_init(z);
    int_get_mpz(n, z);
    mpz_abs(z, z);
    size_t words = (mpz_sizeinbase(z, 2) + 31) / 32;
    uint32_t *key = vt_calloc(words ? words : 1, sizeof(uint32_t));
    if (!key) { mpz_clear(z); return -1; }
    size_t count = 0;
    mpz_export(key, &count, -1, sizeof(uint32_t), 0, 0, z);
    mpz_clear(z);
    init_by_array(r, key, count ? count : 1);
    vt_free(key);
    return 0;
}

static int random_do_seed(RandomObj *r, Obj *arg) {
    if (!arg || arg == V_None) {
        seed_urandom(r);
        return 0;
    }
    if (INT_CHECK(arg)) return seed_int(r, arg);
    intptr_t h = obj_hash(arg);
    if (h == -1 && err_occurred()) return -1;
    uint64_t u = h < 0 ? (uint64_t)0 - (uint64_t)h : (uint64_t)h;
    Obj *n = int_from_u64(u);
    if (!n) return -1;
    int rc = seed_int(r, n);
    DECREF(n);
    return rc;
}

/* Instances start zeroed (as CPython's PyType_GenericNew); __init__ seeds them. */
static Obj *random_new(Type *type, Obj *const *args, size_t nargs, Obj *kwnames) {
    Obj *r = type_generic_alloc(type, 0);
    if (r && (r->flags & OBJ_FLAG_GC)) gc_track(r);
    return r;
}

/* _random.Random.__init__([seed]); subclasses that override __init__ never get here. */
static int random_init(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (kwnames && TUPLE_SIZE(kwnames) && (TYPE(self) == &Type_Random || TYPE(self)->init == random_init)) {
        err_set_str(Exc_TypeError, "Random() takes no keyword arguments");
        return -1;
    }
    if (nargs > 1) {
        err_set_str(Exc_TypeError, "Random() requires 0 or 1 argument");
        return -1;
    }
    return random_do_seed((RandomObj *)self, nargs ? args[0] : NULL);
}

static Obj *rm_seed(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (args_check_count("seed", nargs, kwnames, 0, 1) < 0) return NULL;
    if (random_do_seed((RandomObj *)self, nargs ? args[0] : NULL) < 0) return NULL;
    RETURN_NONE;
}

static Obj *rm_random(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RandomObj *r = (RandomObj *)self;
    uint32_t a = genrand_uint32(r) >> 5, b = genrand_uint32(r) >> 6;
    return float_from_double((a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
}

static Obj *rm_getrandbits(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RandomObj *r = (RandomObj *)self;
    int64_t k = obj_as_index_i64(args[0], Exc_OverflowError);
    if (k == -1 && err_occurred()) return NULL;
    if (k < 0) return err_set_str(Exc_ValueError, "number of bits must be non-negative");
    if (k == 0) return MAKE_SMALL(0);
    if (k <= 32) return MAKE_SMALL(genrand_uint32(r) >> (32 - k));
    size_t words = (size_t)((k - 1) / 32 + 1);
    uint32_t *w = vt_malloc(words * sizeof(uint32_t));
    if (!w) return NULL;
    for (size_t i = 0; i < words; i++, k -= 32) {
        uint32_t v = genrand_uint32(r);
        if (k < 32) v >>= (32 - k);
        w[i] = v;
    }
    mpz_t z;
    mpz_init(z);
    mpz_import(z, words, -1, sizeof(uint32_t), 0, 0, w);
    vt_free(w);
    Obj *res = int_from_mpz(z);
    mpz_clear(z);
    return res;
}

static Obj *rm_getstate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RandomObj *r = (RandomObj *)self;
    Obj *t = tuple_new(MT_N + 1);
    if (!t) return NULL;
    for (int i = 0; i < MT_N; i++) TUPLE_SET_STEAL(t, i, MAKE_SMALL(r->state[i]));
    TUPLE_SET_STEAL(t, MT_N, MAKE_SMALL(r->index));
    return t;
}

static Obj *rm_setstate(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames) {
    RandomObj *r = (RandomObj *)self;
    Obj *st = args[0];
    if (!TUPLE_CHECK(st)) return err_set_str(Exc_TypeError, "state vector must be a tuple");
    if (TUPLE_SIZE(st) != MT_N + 1) return err_set_str(Exc_ValueError, "state vector is the wrong size");
    uint32_t ns[MT_N];
    for (int i = 0; i < MT_N; i++) {
        Obj *v = TUPLE_GET(st, i);
        if (!INT_CHECK(v)) return err_format(Exc_TypeError, "'%T' object cannot be interpreted as an integer", v);
        mpz_t z;
        mpz_init(z);
        int_get_mpz(v, z);
        if (mpz_sgn(z) < 0 || mpz_sizeinbase(z, 2) > 64) {
            mpz_clear(z);
            return err_set_str(Exc_OverflowError, mpz_sgn(z) < 0 ? "can't convert negative int to unsigned"
                                                                  : "Python int too large to convert to C unsigned long");
        }
        ns[i] = (uint32_t)mpz_get_ui(z);
        mpz_clear(z);
    }
    int64_t idx = obj_as_index_i64(TUPLE_GET(st, MT_N), Exc_OverflowError);
    if (idx == -1 && err_occurred()) return NULL;
    if (idx < 0 || idx > MT_N) return err_set_str(Exc_ValueError, "invalid state");
    memcpy(r->state, ns, sizeof ns);
    r->index = (int)idx;
    RETURN_NONE;
}

static const MethodDef random_methods[] = {
    {"random", rm_random, METH_NOARGS, "random() -> x in the interval [0, 1)."},
    {"seed", rm_seed, METH_VARARGS, "seed([n]) -> None.\n\nDefaults to use urandom and falls back to a combination\nof the current time and the process identifier."},
    {"getstate", rm_getstate, METH_NOARGS, "getstate() -> tuple containing the current state."},
    {"setstate", rm_setstate, METH_O, "setstate(state) -> None.  Restores generator state."},
    {"getrandbits", rm_getrandbits, METH_O, "getrandbits(k) -> x.  Generates an int with k random bits."},
    {NULL, NULL, 0, NULL},
};

static void random_dealloc(Obj *o) { obj_free(o); }

Type Type_Random = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "_random.Random",
    .basicsize = sizeof(RandomObj),
    .flags = TPFLAG_BASETYPE,
    .doc = "Random() -> create a random number generator with its own internal state.",
    .dealloc = random_dealloc,
    .new = random_new,
    .init = random_init,
    .methods = random_methods,
};

/* ==== SHA-512 (FIPS 180-4), for random.seed(str) ==== */

static const uint64_t K512[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha512_block(uint64_t h[8], const unsigned char *p) {
    uint64_t w[80];
    for (int i = 0; i < 16; i++) {
        uint64_t v = 0;
        for (int j = 0; j < 8; j++) v = (v << 8) | p[i * 8 + j];
        w[i] = v;
    }
    for (int i = 16; i < 80; i++) {
        uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
        uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 80; i++) {
        uint64_t S1 = ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41);
        uint64_t ch = (e & f) ^ (~e & g);
        uint64_t t1 = hh + S1 + ch + K512[i] + w[i];
        uint64_t S0 = ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39);
        uint64_t maj = (a & b) ^ (a & c) ^ (b & c);
        uint64_t t2 = S0 + maj;
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* SHA-512 digest of data[0..n) into out[64]. */
static void sha512(const unsigned char *data, size_t n, unsigned char out[64]) {
    uint64_t h[8] = {0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
                     0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL};
    size_t i = 0;
    for (; i + 128 <= n; i += 128) sha512_block(h, data + i);
    unsigned char tail[256] = {0};
    size_t rest = n - i;
    memcpy(tail, data + i, rest);
    tail[rest] = 0x80;
    size_t tlen = rest + 1 + 16 <= 128 ? 128 : 256;
    uint64_t bits = (uint64_t)n * 8;
    for (int j = 0; j < 8; j++) tail[tlen - 1 - j] = (unsigned char)(bits >> (8 * j));
    sha512_block(h, tail);
    if (tlen == 256) sha512_block(h, tail + 128);
    for (int k = 0; k < 8; k++)
        for (int j = 0; j < 8; j++) out[k * 8 + j] = (unsigned char)(h[k] >> (56 - 8 * j));
}

/* _random._sha512(data: bytes) -> bytes: the 64-byte digest. */
static Obj *random_sha512(Obj *m, Obj *const *args, size_t nargs, Obj *kwnames) {
    if (!BYTES_CHECK(args[0])) return err_format(Exc_TypeError, "a bytes-like object is required, not '%T'", args[0]);
    unsigned char out[64];
    sha512((const unsigned char *)BYTES_DATA(args[0]), BYTES_SIZE(args[0]), out);
    return bytes_from_data(out, 64);
}

static const MethodDef module_methods[] = {
    {"_sha512", random_sha512, METH_O, "SHA-512 digest of bytes (used by random.seed)."},
    {NULL, NULL, 0, NULL},
};

Obj *modinit__random(void) {
    if (!(Type_Random.flags & TPFLAG_READY) && type_ready(&Type_Random) < 0) return NULL;
    Obj *m = module_new("_random");
    if (!m) return NULL;
    if (module_add_methods(m, module_methods) < 0 || module_add_object(m, "Random", (Obj *)&Type_Random) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
