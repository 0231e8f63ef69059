; hand-written .out: SRFI 37, from the SRFI's text (each rule of its list),
; and its one liberty: a long option that requires an argument takes the
; next one when it has no "=", as GNU getopt_long does.
(import (scheme base) (scheme write) (srfi 37))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

;; Every processor records what it saw; the seed is that record, backwards.
(define (record tag)
  (lambda (option name arg seen)
    (cons (list tag name arg) seen)))
(define options
  (list (option '(#\a "all") #f #f (record 'all))
        (option '(#\b) #f #f (record 'b))
        (option '(#\o "output" "out") #t #f (record 'output))
        (option '(#\c "color") #f #t (record 'color))))
(define (parse . args)
  (reverse
   (args-fold args options
              (lambda (option name arg seen)
                (cons (list 'unrecognized name arg (option-names option)
                            (option-required-arg? option) (option-optional-arg? option))
                      seen))
              (lambda (operand seen) (cons (list 'operand operand) seen))
              '())))

;; The option objects.
(define o (car (cddr options)))
(show (option-names o) (option-required-arg? o) (option-optional-arg? o)
      (procedure? (option-processor o)))
;; Short options, alone and grouped behind one -.
(show (parse "-a" "-b"))
(show (parse "-ab" "-ba"))
;; A short option's argument: the next string, or the rest of this one.
(show (parse "-o" "file"))
(show (parse "-abo" "file" "-bofile2" "-ofile3"))
;; An optional argument too (a long one only ever after "=").
(show (parse "-c" "x" "-cred" "-acblue" "-c"))
(show (parse "--color" "x" "-c" "-a"))
;; Long options; "=" gives the argument; several names for one option.
(show (parse "--all" "--output=f" "--out=g" "--color" "--color=red" "--out=a=b"))
;; The liberty: "--output f".
(show (parse "--output" "f" "x"))
;; A required argument missing at the end: #f.
(show (parse "-o"))
(show (parse "-ao"))
(show (parse "--output"))
;; "--" ends the options; later strings are operands, "--" included.
(show (parse "-a" "--" "-b" "--all" "--" "x"))
;; A lone "-" is an operand; operands and options mix in any order.
(show (parse "-" "x" "-a" "y" "--all" "z"))
;; Unrecognized options: a temporary option of that one name.
(show (parse "-x" "-axb"))
(show (parse "--nope" "--nope=1" "-"))
;; No arguments: the seeds come back unchanged.
(show (parse))

;; Several seeds, passed along and returned as values.
(call-with-values
 (lambda ()
   (args-fold '("-a" "one" "--output=out" "two")
              (list (option '(#\a) #f #f
                            (lambda (o name arg flags operands)
                              (values (cons name flags) operands)))
                    (option '("output") #t #f
                            (lambda (o name arg flags operands)
                              (values (cons arg flags) operands))))
              (lambda (option name arg flags operands) (values flags operands))
              (lambda (operand flags operands) (values flags (cons operand operands)))
              '() '()))
 (lambda (flags operands) (show flags operands)))
(call-with-values
 (lambda ()
   (args-fold '("-a" "x")
              (list (option '(#\a) #f #f (lambda (o n a count) (+ count 10))))
              (lambda (o n a count) count)
              (lambda (operand count) (+ count 1))
              0))
 (lambda results (show results)))
;; With no seeds at all, no values.
(call-with-values
 (lambda () (args-fold '("x" "-a") (list (option '(#\a) #f #f (lambda (o n a) (values))))
                       (lambda (o n a) (values)) (lambda (operand) (values))))
 (lambda results (show results)))
