(display #u8(1 x 3))
