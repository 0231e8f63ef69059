(exact-integer-sqrt -4)
