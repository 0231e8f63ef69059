;;; cpsinterp: a continuation-passing interpreter for a small Scheme-like language, whose `try`/`throw` and generators (`yield`) are built on the host's call/cc: captures at every level of a deep recursion, escapes, and re-entry.

;; ---------------------------------------------------------------- values
;; Interpreted procedures are tagged vectors:
;;   #(closure PARAMS BODY ENV)   #(prim HOST-PROCEDURE)   #(cont HOST-CONTINUATION-PROCEDURE)
(define (make-closure params body env) (vector 'closure params body env))
(define (make-prim proc) (vector 'prim proc))
(define (make-cont k) (vector 'cont k))
(define (kind v) (and (vector? v) (= (vector-length v) 4) (vector-ref v 0)))
(define (tag v) (and (vector? v) (> (vector-length v) 0) (vector-ref v 0)))

;; ---------------------------------------------------------------- environments
;; An environment is a list of (name . value) pairs; set! and letrec mutate the pair.
(define (lookup x env)
  (let ((b (assq x env)))
    (if b (cdr b) (throw-value (list 'unbound x)))))

(define (extend env names vals)
  (if (null? names)
      env
      (cons (cons (car names) (car vals)) (extend env (cdr names) (cdr vals)))))

;; ---------------------------------------------------------------- exceptions
;; *handlers* holds one host escape procedure per active `try`, innermost first.
(define *handlers* '())

(define (throw-value v)
  (if (null? *handlers*)
      (list 'uncaught v)
      ((car *handlers*) (cons 'thrown v))))

;; ---------------------------------------------------------------- the evaluator
;; (ev E ENV K): evaluate E and pass its value to the host procedure K.
(define (ev e env k)
  (cond ((symbol? e) (k (lookup e env)))
        ((not (pair? e)) (k e))
        (else
         (case (car e)
           ((quote) (k (cadr e)))
           ((if) (ev (cadr e) env
                     (lambda (c) (if c (ev (caddr e) env k) (ev (car (cdr (cddr e))) env k)))))
           ((lambda) (k (make-closure (cadr e) (caddr e) env)))
           ((begin) (ev-seq (cdr e) env k))
           ((let) (ev-list (map cadr (cadr e)) env
                           (lambda (vals)
                             (ev (caddr e) (extend env (map car (cadr e)) vals) k))))
           ((letrec) (let ((env2 (extend env (map car (cadr e))
                                         (map (lambda (b) #f) (cadr e)))))
                       (ev-list (map cadr (cadr e)) env2
                                (lambda (vals)
                                  (let fill ((bs (cadr e)) (vs vals))
                                    (if (pair? bs)
                                        (begin (set-cdr! (assq (caar bs) env2) (car vs))
                                               (fill (cdr bs) (cdr vs)))))
                                  (ev (caddr e) env2 k)))))
           ((set!) (ev (caddr e) env
                       (lambda (v) (set-cdr! (assq (cadr e) env) v) (k v))))
           ((and) (if (null? (cdr e))
                      (k #t)
                      (ev (cadr e) env
                          (lambda (v)
                            (if (and v (pair? (cddr e))) (ev (cons 'and (cddr e)) env k) (k v))))))
           ((callcc) (ev (cadr e) env
                         (lambda (f) (apply-proc f (list (make-cont k)) k))))
           ((throw) (ev (cadr e) env throw-value))
           ((try) (ev-try (cadr e) (caddr e) env k))
           (else (ev-list e env
                          (lambda (vals) (apply-proc (car vals) (cdr vals) k))))))))

(define (ev-seq es env k)
  (if (null? (cdr es))
      (ev (car es) env k)
      (ev (car es) env (lambda (ignored) (ev-seq (cdr es) env k)))))

(define (ev-list es env k)
  (if (null? es)
      (k '())
      (ev (car es) env
          (lambda (v) (ev-list (cdr es) env (lambda (vs) (k (cons v vs))))))))

;; (try BODY HANDLER): the body runs inside a host call/cc whose escape is the
;; handler's entry; its normal result leaves through the same escape.
(define (ev-try body handler env k)
  (let* ((saved *handlers*)
         (r (call/cc
             (lambda (escape)
               (set! *handlers* (cons escape saved))
               (ev body env (lambda (v) (escape (cons 'value v))))))))
    (set! *handlers* saved)
    (if (eq? (car r) 'value)
        (k (cdr r))
        (ev handler env (lambda (h) (apply-proc h (list (cdr r)) k))))))

(define (apply-proc f args k)
  (case (tag f)
    ((closure) (ev (vector-ref f 2) (extend (vector-ref f 3) (vector-ref f 1) args) k))
    ((prim) (k (apply (vector-ref f 1) args)))
    ((cont) ((vector-ref f 1) (car args)))
    (else (throw-value (list 'not-a-procedure f)))))

;; ---------------------------------------------------------------- generators
;; A host generator: PROC receives a yield procedure; each call of the result
;; returns the next yielded value, then 'done.
(define (make-generator proc)
  (let ((return #f) (resume #f))
    (define (yield v)
      (call/cc (lambda (here) (set! resume here) (return v))))
    (lambda ()
      (call/cc
       (lambda (caller)
         (set! return caller)
         (if resume
             (resume 'more)
             (begin (proc yield) (set! resume (lambda (x) (return 'done))) (return 'done))))))))

;; An interpreted procedure of one argument (its yield) as a host generator.
(define (interp-generator f)
  (make-generator
   (lambda (yield)
     (apply-proc f (list (make-prim yield)) (lambda (v) v)))))

;; ---------------------------------------------------------------- the global environment
(define global-env
  (extend '()
          '(+ - * < = quotient remainder cons car cdr null? pair? not list)
          (map make-prim
               (list + - * < = quotient remainder cons car cdr null? pair? not list))))

(define (run-program p) (ev p global-env (lambda (v) v)))

;; ---------------------------------------------------------------- programs
;; Every level of a deep recursion enters a try; multiples of 7 throw.
(define deep-try
  '(letrec ((check (lambda (n) (if (= (remainder n 7) 0) (throw n) (* n 2))))
            (walk (lambda (n)
                    (if (= n 0)
                        0
                        (+ (try (check n) (lambda (e) (- 0 e)))
                           (walk (- n 1)))))))
     (walk 600)))

;; Early exit from a fold with the interpreted language's own first-class continuations.
(define product-exit
  '(letrec ((prod (lambda (lst exit)
                    (if (null? lst)
                        1
                        (if (= (car lst) 0) (exit 0) (* (car lst) (prod (cdr lst) exit)))))))
     (+ (callcc (lambda (k) (prod (list 1 2 3 4 5 6 7 8 9) k)))
        (callcc (lambda (k) (prod (list 1 2 3 0 5 6 7 8 9) k))))))

;; A tree-walking generator body: yields each leaf of a nested list.
(define leaf-walker
  '(lambda (tree)
     (lambda (yield)
       (letrec ((walk (lambda (t)
                        (if (null? t)
                            0
                            (if (pair? t)
                                (begin (walk (car t)) (walk (cdr t)))
                                (yield t))))))
         (walk tree)))))

;; Closures and set! inside the interpreted language.
(define counters
  '(let ((make (lambda (start)
                 (let ((n start))
                   (lambda (d) (begin (set! n (+ n d)) n))))))
     (let ((a (make 0)) (b (make 100)))
       (letrec ((loop (lambda (i acc)
                        (if (= i 0) acc (loop (- i 1) (+ acc (a 1) (b -1)))))))
         (loop 400 0)))))

;; Two trees with the same fringe (and a third without), compared by generators.
(define (make-tree depth start)
  (if (= depth 0)
      start
      (list (make-tree (- depth 1) start)
            (make-tree (- depth 1) (+ start (expt 2 (- depth 1)))))))

(define (flat-tree n)
  (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

(define (same-fringe? t1 t2)
  (let ((walker (run-program leaf-walker)))
    (let ((g1 (interp-generator (apply-proc walker (list t1) (lambda (v) v))))
          (g2 (interp-generator (apply-proc walker (list t2) (lambda (v) v)))))
      (let loop ((count 0))
        (let ((a (g1)) (b (g2)))
          (cond ((not (eqv? a b)) (list 'differ-at count))
                ((eq? a 'done) (list 'same count))
                (else (loop (+ count 1)))))))))

(define (round-once i)
  (list (run-program deep-try)
        (run-program product-exit)
        (run-program counters)
        (same-fringe? (make-tree 7 0) (flat-tree 128))
        (same-fringe? (make-tree 6 i) (flat-tree 64))))

(define (run rounds)
  (let loop ((i 0) (last '()))
    (if (= i rounds) last (loop (+ i 1) (round-once (modulo i 2))))))

(display (run 300))
(newline)
