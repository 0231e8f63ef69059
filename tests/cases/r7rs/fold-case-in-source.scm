; hand-written .out: R7RS 2.1: #!fold-case / #!no-fold-case in program text affect the identifiers and character names after them (Chez 9.5 agrees, but writes |Keep Bars| as Keep\x20;Bars).
(import (scheme base) (scheme write))
(define Hello 1)
#!fold-case
(define WORLD 2)
(write (list 'ABC 'MiXeD '|Keep Bars| #\SPACE #\NewLine #\A #\x41 "STRING stays")) (newline)
(write (+ world WoRlD)) (newline)
#!no-fold-case
(write (list 'ABC 'world Hello)) (newline)
(write (list 'a #!fold-case 'B #!no-fold-case 'C)) (newline)
