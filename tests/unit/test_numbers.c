/* test_numbers.c: unit tests of the numeric conversions that need no interpreter: the
 * shortest float repr and correctly rounded big-int-to-double scaling. Returns 0 on success. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "int.h"

static int failures;

static void check_repr(double d, const char *want) {
    char buf[64];
    float_repr_buf(d, buf, sizeof buf);
    if (strcmp(buf, want) != 0) {
        printf("repr(%.17g): got %s, want %s\n", d, buf, want);
        failures++;
    }
}

static void check_scaled(const char *dec, long shift, bool inexact, double want) {
    mpz_t q;
    mpz_init_set_str(q, dec, 10);
    bool ovf;
    double got = int_mpz_scaled_to_double(q, shift, inexact, &ovf);
    if (got != want) {
        printf("scaled(%s, %ld): got %.17g, want %.17g\n", dec, shift, got, want);
        failures++;
    }
    mpz_clear(q);
}

int main(void) {
    check_repr(0.1, "0.1");
    check_repr(0.1 + 0.2, "0.30000000000000004");
    check_repr(1e16, "1e+16");
    check_repr(1e15, "1000000000000000.0");
    check_repr(1e-5, "1e-05");
    check_repr(1e-4, "0.0001");
    check_repr(123456789.0, "123456789.0");
    check_repr(1e22, "1e+22");
    check_repr(5e-324, "5e-324");
    check_repr(DBL_MAX, "1.7976931348623157e+308");
    check_repr(-0.0, "-0.0");
    check_repr(INFINITY, "inf");
    check_repr(-INFINITY, "-inf");
    check_repr(NAN, "nan");
    check_repr(1.0 / 3.0, "0.3333333333333333");
    check_repr(2.5e-7, "2.5e-07");
    /* 2**53 + 1 rounds to even (2**53); 2**53 + 3 rounds up to 2**53 + 4 */
    check_scaled("9007199254740993", 0, false, 9007199254740992.0);
    check_scaled("9007199254740995", 0, false, 9007199254740996.0);
    /* a sticky bit breaks the tie upwards */
    check_scaled("9007199254740993", 0, true, 9007199254740994.0);
    /* smallest subnormal and rounding below it */
    check_scaled("1", -1074, false, 5e-324);
    check_scaled("1", -1075, false, 0.0);
    check_scaled("1", -1075, true, 5e-324);
    check_scaled("3", -1076, false, 5e-324);
    if (failures) printf("%d failure(s)\n", failures);
    return failures != 0;
}
