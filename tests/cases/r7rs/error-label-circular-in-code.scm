; R7RS 2.4: only literals may be circular; code with a cycle is an error.
(display (list 1 #0=(2 . #0#)))
