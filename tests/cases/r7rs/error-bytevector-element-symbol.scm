; R7RS 6.9: bytevector elements are exact integers 0..255.
(display #u8(1 two 3))
