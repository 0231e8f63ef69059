(write 'x)
(exit)
(write 'y)
