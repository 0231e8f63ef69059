; R7RS: the logarithm of a negative real is complex, ln|x| + pi i (as Chez and Guile write it)
(write (log 1))
(newline)
(write (log -1))
