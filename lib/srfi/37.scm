;;; SRFI 37 args-fold, written from the SRFI's text.
;;;
;;; Arguments are read left to right:
;;; - "--" ends the options: every later argument is an operand;
;;; - "--NAME=VALUE" and "--NAME" are long options; an option requiring an
;;;   argument without "=" takes the next argument (#f at the end), as
;;;   GNU getopt_long does (the SRFI's rules list only "=");
;;;   an optional argument is only ever given with "=";
;;; - "-" alone is an operand; "-ABC" is the short options A, B, C; the
;;;   first of them that takes an argument (required or optional) takes the
;;;   rest of the word when there is any, else the next argument (#f at the
;;;   end): the SRFI accepts a short option's argument in either place;
;;; - anything else is an operand.
;;; An option that matches none of OPTIONS goes to UNRECOGNIZED-PROC as a
;;; new option object of that one name, taking no argument ("=VALUE" of a
;;; long one is still passed as its argument). Every procedure returns the
;;; new seeds as multiple values.

(define-record-type srfi-37-option
  (option names required-arg? optional-arg? processor)
  option?
  (names option-names)
  (required-arg? option-required-arg?)
  (optional-arg? option-optional-arg?)
  (processor option-processor))

(define (args-fold args options unrecognized-proc operand-proc . seeds)
  ;; The option of OPTIONS with name NAME (a character or a string), or #f.
  (define (find-option name)
    (let loop ((options options))
      (cond ((null? options) #f)
            ((member name (option-names (car options))) (car options))
            (else (loop (cdr options))))))
  (define (takes-argument? option)
    (or (option-required-arg? option) (option-optional-arg? option)))
  ;; Calls PROC on ARGS and the seeds, giving the new seeds as a list.
  (define (call proc seeds . args)
    (call-with-values (lambda () (apply proc (append args seeds))) list))
  (define (option-call name arg seeds)
    (let ((known (find-option name)))
      (if known
          (call (option-processor known) seeds known name arg)
          (call unrecognized-proc seeds (option (list name) #f #f unrecognized-proc)
                name arg))))
  (define (operands args seeds)
    (if (null? args)
        seeds
        (operands (cdr args) (call operand-proc seeds (car args)))))
  ;; The short options of WORD from index I on, then the arguments REST.
  (define (shorts word i rest seeds)
    (if (= i (string-length word))
        (scan rest seeds)
        (let* ((name (string-ref word i))
               (option (find-option name))
               (tail (substring word (+ i 1) (string-length word))))
          (cond ((and option (takes-argument? option) (> (string-length tail) 0))
                 (scan rest (option-call name tail seeds)))
                ((and option (takes-argument? option))
                 (if (pair? rest)
                     (scan (cdr rest) (option-call name (car rest) seeds))
                     (scan rest (option-call name #f seeds))))
                (else (shorts word (+ i 1) rest (option-call name #f seeds)))))))
  ;; The long option WORD ("--NAME" or "--NAME=VALUE"), then REST.
  (define (long word rest seeds)
    (let find-= ((i 2))
      (cond ((= i (string-length word))
             (let* ((name (substring word 2 i))
                    (option (find-option name)))
               (if (and option (option-required-arg? option) (pair? rest))
                   (scan (cdr rest) (option-call name (car rest) seeds))
                   (scan rest (option-call name #f seeds)))))
            ((char=? (string-ref word i) #\=)
             (scan rest (option-call (substring word 2 i)
                                     (substring word (+ i 1) (string-length word))
                                     seeds)))
            (else (find-= (+ i 1))))))
  (define (scan args seeds)
    (if (null? args)
        seeds
        (let ((word (car args)) (rest (cdr args)))
          (cond ((string=? word "--") (operands rest seeds))
                ((and (> (string-length word) 2) (string=? (substring word 0 2) "--"))
                 (long word rest seeds))
                ((and (> (string-length word) 1) (char=? (string-ref word 0) #\-))
                 (shorts word 1 rest seeds))
                (else (scan rest (call operand-proc seeds word)))))))
  (apply values (scan args seeds)))
