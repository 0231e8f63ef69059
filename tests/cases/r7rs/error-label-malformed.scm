; R7RS 2.4: a datum label is #n= or #n#.
(display '#0x)
