; R7RS 2.4: #n=#n# labels nothing.
(display '#0=#0#)
