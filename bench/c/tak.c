/* tak: the C counterpart of programs/tak.scm (240 rounds over a cycle of argument triples). */
#include <stdio.h>

static long tak(long x, long y, long z) {
    if (!(y < x)) return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

int main(void) {
    long total = 0;
    for (long i = 0; i < 240; i++) total += tak(21 + i % 4, 15 + i % 2, 8);
    printf("%ld\n", total);
    return 0;
}
