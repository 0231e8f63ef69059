; R7RS 2.4: a label's scope is the outermost datum it appears in.
(define x '#0=(a))
(display '#0#)
