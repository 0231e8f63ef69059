;;; closc's `pretty-print`: `write` with line breaks and indentation.
;;;
;;; (pretty-print obj [port]) writes obj as `write` does, followed by a
;;; newline; a list or vector whose written form does not fit in the rest
;;; of the line (79 columns) is broken: a form headed by a symbol keeps its
;;; first argument on the head's line and aligns the rest under it, except
;;; binding and body forms (`define`, `lambda`, `let`, ...), whose body is
;;; indented by two; other lists and vectors put one element per line,
;;; aligned after the opening parenthesis. Cyclic data is written as `write`
;;; writes it (with datum labels), on one line.
;;; `pretty-print:to-port` (no final newline) serves format's ~y.

(define pretty-print:width 79)

(define pretty-print:body-forms
  '(define define-syntax define-record-type define-values define-library
    lambda case-lambda let let* letrec letrec* let-values let*-values
    let-syntax letrec-syntax syntax-rules when unless do parameterize guard
    case dynamic-wind with-exception-handler))

(define (pretty-print:written x)
  (let ((p (open-output-string)))
    (write x p)
    (get-output-string p)))

(define (pretty-print:newline-indent col port)
  (newline port)
  (write-string (make-string col #\space) port))

;; Writes the elements `items` (a list, possibly improper) aligned at column
;; `col`, the first already positioned there. Consecutive atoms share a line
;; while they fit; a list or vector that must be broken starts a line, and
;; so does whatever follows it.
(define (pretty-print:elements items col port)
  (let loop ((items items) (first? #t) (cur #f))
    ;; cur: the column after the previous element when it was a short atom
    ;; (or fitted on its line), #f at the start or after a broken form.
    (cond ((null? items))
          ((pair? items)
           (let* ((x (car items))
                  (s (pretty-print:written x))
                  (n (string-length s)))
             (cond ((and cur (<= (+ cur 1 n) pretty-print:width)
                         (not (pair? x)) (not (vector? x)))
                    (write-string " " port)
                    (write-string s port)
                    (loop (cdr items) #f (+ cur 1 n)))
                   (else
                    (if (not first?) (pretty-print:newline-indent col port))
                    (pretty-print:form x col port)
                    (loop (cdr items) #f
                          (and (not (pair? x)) (not (vector? x))
                               (<= (+ col n) pretty-print:width)
                               (+ col n)))))))
          (else
           (pretty-print:newline-indent col port)
           (write-string ". " port)
           (pretty-print:form items (+ col 2) port)))))

(define (pretty-print:list x col port)
  (write-string "(" port)
  (let ((head (car x)))
    (if (and (symbol? head) (pair? (cdr x)))
        (let* ((name (pretty-print:written head))
               (body? (memq head pretty-print:body-forms))
               (arg-col (+ col 2 (string-length name))))
          (write-string name port)
          (write-string " " port)
          (if (or body? (> arg-col (quotient pretty-print:width 2)))
              ;; The first argument (the bindings or the name) stays on the
              ;; head's line; the body is indented by two.
              (begin
                (pretty-print:form (cadr x) arg-col port)
                (if (not (null? (cddr x)))
                    (begin
                      (pretty-print:newline-indent (+ col 2) port)
                      (pretty-print:elements (cddr x) (+ col 2) port))))
              (pretty-print:elements (cdr x) arg-col port)))
        (pretty-print:elements x (+ col 1) port)))
  (write-string ")" port))

(define (pretty-print:form x col port)
  (let ((s (pretty-print:written x)))
    (cond ((<= (+ col (string-length s)) pretty-print:width) (write-string s port))
          ((pair? x) (pretty-print:list x col port))
          ((and (vector? x) (> (vector-length x) 0))
           (write-string "#(" port)
           (pretty-print:elements (vector->list x) (+ col 2) port)
           (write-string ")" port))
          (else (write-string s port)))))

;; Whether x holds a cycle. Written without one, every pair and vector
;; slot a walk visits prints at least one character of `write`'s output,
;; so a walk that visits more nodes than that output has characters has
;; gone round a cycle.
(define (pretty-print:cyclic? x written)
  (let ((budget (string-length written)))
    (not (let walk ((x x) (n 0))
           (cond ((not n) #f)
                 ((> n budget) #f)
                 ((pair? x) (walk (cdr x) (walk (car x) (+ n 1))))
                 ((vector? x)
                  (let loop ((i 0) (n (+ n 1)))
                    (if (or (not n) (= i (vector-length x)))
                        n
                        (loop (+ i 1) (walk (vector-ref x i) n)))))
                 (else n))))))

(define (pretty-print:to-port x port)
  (let ((s (pretty-print:written x)))
    (if (or (<= (string-length s) pretty-print:width)
            (pretty-print:cyclic? x s))
        (write-string s port)
        (pretty-print:form x 0 port))))

(define (pretty-print x . port)
  (let ((port (if (pair? port) (car port) (current-output-port))))
    (if (not (and (output-port? port) (textual-port? port)))
        (error 'pretty-print "not a textual output port" port))
    (pretty-print:to-port x port)
    (newline port)))
