; R7RS 2.1/6.6: #\x<hex> must be a Unicode scalar value.
(display #\xD800)
