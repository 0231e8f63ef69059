;;; closc's `format`: SRFI 48's intermediate format strings, which contain
;;; SRFI 28's basic ones (lib/srfi/28.scm and 48.scm include this file; so
;;; does closc's script environment). Needs pretty-print.scm (for ~y).
;;;
;;; (format [port] format-string obj ...): port #f (or absent) returns the
;;; output as a string; #t writes to the current output port; an output port
;;; is written to. Directives, case-insensitive: ~a ~s ~w ~d ~x ~o ~b ~c ~y
;;; ~? ~k ~F (with ~w,dF width and digits) ~~ ~t ~% ~& ~_ ~h. Only ~F takes
;;; parameters, as SRFI 48 specifies. Too few or too many arguments, a wrong
;;; argument type or an unknown directive is an error naming `format`.

(define format:help-text
  "(format [<port>] <format-string> [<arg>...]) -- <port> is #t, #f or an output-port
OPTION\t[MNEMONIC]\tDESCRIPTION\t-- closc: Unicode text
~H\t[Help]\t\toutput this text
~A\t[Any]\t\t(display arg) for humans
~S\t[Slashified]\t(write arg) for parsers
~W\t[WriteCircular]\t(write-shared arg): like ~s, with datum labels for shared structure
~~\t[tilde]\t\toutput a tilde
~T\t[Tab]\t\toutput a tab character
~%\t[Newline]\toutput a newline character
~&\t[Freshline]\toutput a newline character if the previous output was not a newline
~D\t[Decimal]\tthe arg is a number which is output in decimal radix
~X\t[heXadecimal]\tthe arg is a number which is output in hexadecimal radix
~O\t[Octal]\t\tthe arg is a number which is output in octal radix
~B\t[Binary]\tthe arg is a number which is output in binary radix
~w,dF\t[Fixed]\t\tthe arg is a string or number which has width w and d digits after the decimal
~C\t[Character]\tcharacter arg is output by write-char
~_\t[Space]\t\ta single space character is output
~Y\t[Yuppify]\tthe list arg is pretty-printed to the output
~?\t[Indirection]\trecursive format: next arg is a format-string and the following arg a list of arguments
~K\t[Indirection]\tsame as ~?
")

(define (format . args)
  (cond ((null? args) (error 'format "missing format string"))
        ((string? (car args))
         (let ((out (open-output-string)))
           (format:run out (car args) (cdr args))
           (get-output-string out)))
        ((null? (cdr args)) (error 'format "missing format string after the port" (car args)))
        ((not (string? (cadr args))) (error 'format "not a format string" (cadr args)))
        ((eq? (car args) #f)
         (let ((out (open-output-string)))
           (format:run out (cadr args) (cddr args))
           (get-output-string out)))
        ((eq? (car args) #t)
         (format:run (current-output-port) (cadr args) (cddr args)))
        ((and (output-port? (car args)) (textual-port? (car args)))
         (format:run (car args) (cadr args) (cddr args)))
        (else (error 'format "not an output port, #t or #f" (car args)))))

;; A string of `width` characters at least: `s` padded on the left.
(define (format:pad-left s width)
  (let ((n (string-length s)))
    (if (< n width) (string-append (make-string (- width n) #\space) s) s)))

;; A real number with `digits` digits after the point (rounded, ties to even).
(define (format:fixed x digits)
  (if (or (nan? x) (infinite? x))
      (number->string x)
      (let* ((e (exact x))
             (scaled (round (* (abs e) (expt 10 digits))))
             (ds (number->string scaled))
             (ds (if (<= (string-length ds) digits)
                     (string-append (make-string (- (+ digits 1) (string-length ds)) #\0) ds)
                     ds))
             (point (- (string-length ds) digits)))
        (string-append (if (or (< e 0) (and (= e 0) (eqv? x -0.0))) "-" "")
                       (substring ds 0 point)
                       "."
                       (substring ds point (string-length ds))))))

(define (format:fixed-number x digits)
  (if (real? x)
      (format:fixed (inexact x) digits)
      (let ((im (imag-part x)))
        (string-append (format:fixed (inexact (real-part x)) digits)
                       (if (or (< im 0) (eqv? im -0.0)) "" "+")
                       (format:fixed (inexact im) digits)
                       "i"))))

;; Writes the output of `template` with `args` to `port`.
(define (format:run port template args)
  (let ((n (string-length template)))
    ;; at-newline?: whether the last character this call wrote is a newline
    ;; (for ~&; before the first output it is not known to be).
    (let loop ((i 0) (args args) (at-newline? #f))
      (define (next-arg directive)
        (if (null? args)
            (error 'format "too few arguments for the directive" (string #\~ directive) template)
            (car args)))
      (define (emit s rest)
        (write-string s port)
        (loop (+ i 2) rest
              (if (= (string-length s) 0)
                  at-newline?
                  (char=? (string-ref s (- (string-length s) 1)) #\newline))))
      (define (shown writer x)
        (let ((p (open-output-string))) (writer x p) (get-output-string p)))
      (define (number-in radix directive)
        (let ((x (next-arg directive)))
          (if (not (number? x))
              (error 'format "not a number for the directive" (string #\~ directive) x))
          (emit (number->string x radix) (cdr args))))
      (cond
       ((= i n)
        (if (pair? args) (error 'format "too many arguments" args))
        (if #f #f))
       ((not (char=? (string-ref template i) #\~))
        (let ((j (let scan ((j i))
                   (if (or (= j n) (char=? (string-ref template j) #\~)) j (scan (+ j 1))))))
          (write-string template port i j)
          (loop j args (char=? (string-ref template (- j 1)) #\newline))))
       ((= (+ i 1) n) (error 'format "the format string ends in a lone ~" template))
       (else
        (let ((d (char-downcase (string-ref template (+ i 1)))))
          (case d
            ((#\a) (emit (shown display (next-arg d)) (cdr args)))
            ((#\s) (emit (shown write (next-arg d)) (cdr args)))
            ((#\w) (emit (shown write-shared (next-arg d)) (cdr args)))
            ((#\d) (number-in 10 d))
            ((#\x) (number-in 16 d))
            ((#\o) (number-in 8 d))
            ((#\b) (number-in 2 d))
            ((#\c)
             (let ((c (next-arg d)))
               (if (not (char? c)) (error 'format "not a character for ~c" c))
               (emit (string c) (cdr args))))
            ((#\y) (emit (shown pretty-print:to-port (next-arg d)) (cdr args)))
            ((#\? #\k)
             (let ((sub (next-arg d)))
               (if (not (string? sub)) (error 'format "not a format string for ~?" sub))
               (if (null? (cdr args))
                   (error 'format "too few arguments for the directive" (string #\~ d) template))
               (let ((sub-args (cadr args)))
                 (if (not (list? sub-args))
                     (error 'format "not a list of arguments for ~?" sub-args))
                 (emit (shown (lambda (x p) (format:run p sub sub-args)) #f) (cddr args)))))
            ((#\~) (emit "~" args))
            ((#\t) (emit (string #\tab) args))
            ((#\%) (emit (string #\newline) args))
            ((#\_) (emit " " args))
            ((#\&) (emit (if at-newline? "" (string #\newline)) args))
            ((#\h) (emit format:help-text args))
            (else
             (if (or (char-numeric? d) (char=? d #\,) (char=? d #\f))
                 (format:fixed-directive port template (+ i 1) args
                                         (lambda (j rest s)
                                           (write-string s port)
                                           (loop j rest #f)))
                 (error 'format "unknown directive" (string #\~ (string-ref template (+ i 1)))
                        template))))))))))

;; ~w,dF, ~wF, ~,dF: parses the parameters from index `i` (just after the
;; tilde), formats the next argument and calls (k next-index rest-args text).
(define (format:fixed-directive port template i args k)
  (let ((n (string-length template)))
    (define (digits-from j)        ; (value . next-index); value #f if none
      (let scan ((j j) (v #f))
        (if (and (< j n) (char-numeric? (string-ref template j)))
            (scan (+ j 1) (+ (* 10 (or v 0)) (digit-value (string-ref template j))))
            (cons v j))))
    (let* ((w (digits-from i))
           (d (if (and (< (cdr w) n) (char=? (string-ref template (cdr w)) #\,))
                  (digits-from (+ (cdr w) 1))
                  (cons #f (cdr w))))
           (j (cdr d)))
      (if (not (and (< j n) (char-ci=? (string-ref template j) #\f)))
          (error 'format "only ~F takes parameters (~w,dF)" template))
      (if (null? args) (error 'format "too few arguments for the directive" "~F" template))
      (let* ((x (car args))
             (width (or (car w) 0))
             (text (cond ((string? x) x)
                         ((not (number? x)) (error 'format "not a number or string for ~F" x))
                         ((car d) (format:fixed-number x (car d)))
                         (else (number->string x)))))
        (k (+ j 1) (cdr args) (format:pad-left text width))))))
