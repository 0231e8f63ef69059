;;; dispatch: a stack machine whose instructions name host procedures kept in a table (builtins such as + max list as values, variadic lambdas), called with apply on argument lists popped from the stack.

;; The operator table: name, arity taken from the stack, procedure.
(define ops
  (list (list 'add 2 +)
        (list 'sub 2 -)
        (list 'mul 2 *)
        (list 'add3 3 +)
        (list 'max 2 max)
        (list 'min 3 min)
        (list 'mix 3 (lambda (a . rest) (+ a (apply * rest))))
        (list 'sum 4 (lambda args (let loop ((l args) (s 0)) (if (null? l) s (loop (cdr l) (+ s (car l)))))))
        (list 'mod 2 (lambda (a b) (modulo a (+ 1 (abs b)))))
        (list 'pair 2 list)
        (list 'len 1 (lambda (l) (if (pair? l) (length l) 1)))
        (list 'first 1 (lambda (l) (if (pair? l) (car l) l)))))

(define (op-entry name)
  (let ((e (assq name ops)))
    (if e e (error "unknown op" name))))

;; Pops N values (the deepest becomes the first argument).
(define (pop-args stack n)
  (let loop ((s stack) (n n) (args '()))
    (if (= n 0)
        (cons args s)
        (loop (cdr s) (- n 1) (cons (car s) args)))))

;; Runs PROGRAM (a list of numbers, pushed, and operator names) from an empty stack.
(define (execute program)
  (let loop ((p program) (stack '()))
    (cond ((null? p) stack)
          ((number? (car p)) (loop (cdr p) (cons (car p) stack)))
          (else
           (let* ((e (op-entry (car p)))
                  (popped (pop-args stack (cadr e)))
                  (result (apply (caddr e) (car popped))))
             (loop (cdr p) (cons (clip result) (cdr popped))))))))

;; Keeps numbers small, so that every implementation stays in fixnums.
(define (clip v) (if (number? v) (modulo v 65521) v))

;; A program of LEN instructions from a linear congruential generator: it keeps
;; the stack between 1 and 8 values deep.
(define (make-program len seed)
  (let loop ((i 0) (x seed) (depth 0) (acc '()))
    (if (= i len)
        (reverse acc)
        (let* ((x (modulo (+ (* x 1103515245) 12345) 2147483648))
               (r (quotient x 65536))
               (names '#(add sub mul add3 max min mix sum mod pair len first)))
          (if (or (< depth 4) (and (< depth 8) (= (modulo r 3) 0)))
              (loop (+ i 1) x (+ depth 1) (cons (- (modulo r 19) 9) acc))
              (let* ((name (vector-ref names (modulo r 12)))
                     (e (op-entry name))
                     (n (cadr e)))
                (if (or (eq? name 'pair) (eq? name 'len) (eq? name 'first))
                    (loop (+ i 1) x (- depth 1) (cons 'first (cons 'len (cons 'pair acc))))
                    (loop (+ i 1) x (+ (- depth n) 1) (cons name acc)))))))))

;; The numbers left on a stack.
(define (squash stack)
  (map (lambda (v) (if (number? v) (modulo v 1000) 0)) stack))

(define (run rounds)
  (let ((programs (list (make-program 2000 1) (make-program 2000 7) (make-program 2000 42))))
    (let loop ((i 0) (acc 0))
      (if (= i rounds)
          acc
          (loop (+ i 1)
                (modulo (+ acc (apply + (squash (execute (list-ref programs (modulo i 3))))))
                        1000003))))))

(display (run 8000))
(newline)
