; R7RS 2.4: #n# must follow its #n= in the same outermost datum.
(display '(a #1#))
