; R7RS 2.1 knows #!fold-case and #!no-fold-case only.
(display 1)
#!shout-case
(display 2)
