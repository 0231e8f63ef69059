; hand-written .out: Chez 9.5 has no start/end for string-copy.
(write (string-copy "hello" 2 9))
