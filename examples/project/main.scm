;; A program of several files: this main program and the libraries of
;; app/ (app/text.sld is the library (app text)), found next to it from any
;; working directory:
;;   closc run examples/project/main.scm
;;   closc build examples/project/main.scm -o wordfreq && ./wordfreq
(import (scheme base) (scheme write) (app text) (app tally))

(define text
  "The compiler reads the program, and the program imports the libraries;
   the libraries import other libraries, and each library runs once.")

(define (show-top n counts)
  (when (and (> n 0) (pair? counts))
    (display (car (car counts)))
    (display ": ")
    (display (cdr (car counts)))
    (newline)
    (show-top (- n 1) (cdr counts))))

(display (length (words text)))
(display " words\n")
(show-top 5 (tally (words text)))
