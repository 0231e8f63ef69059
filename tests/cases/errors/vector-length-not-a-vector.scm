; vector-length applied to a string.
(display (vector-length (vector 1 2))) (newline)
(display (vector-length "abc"))
