;;; lattice: a small propositional theorem prover over lists (clauses as sorted lists of small integers, lexicographic comparison to sort and deduplicate, memv/assv on literals, subsumption, DPLL with unit propagation, mapping and filtering with lambdas).

(define seed 777)
(define (rand! n)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (modulo (quotient seed 65536) n))

;; ---------------------------------------------------------------- lists
(define (filter* keep? lst)
  (cond ((null? lst) '())
        ((keep? (car lst)) (cons (car lst) (filter* keep? (cdr lst))))
        (else (filter* keep? (cdr lst)))))

(define (any* p? lst) (and (pair? lst) (or (p? (car lst)) (any* p? (cdr lst)))))
(define (every* p? lst) (or (null? lst) (and (p? (car lst)) (every* p? (cdr lst)))))

;; Lexicographic order on lists of integers, shorter first on a common prefix.
(define (lex<? a b)
  (cond ((null? a) (pair? b))
        ((null? b) #f)
        ((< (car a) (car b)) #t)
        ((> (car a) (car b)) #f)
        (else (lex<? (cdr a) (cdr b)))))

(define (lex=? a b)
  (cond ((null? a) (null? b))
        ((null? b) #f)
        (else (and (= (car a) (car b)) (lex=? (cdr a) (cdr b))))))

(define (merge-by less? a b)
  (cond ((null? a) b)
        ((null? b) a)
        ((less? (car b) (car a)) (cons (car b) (merge-by less? a (cdr b))))
        (else (cons (car a) (merge-by less? (cdr a) b)))))

(define (sort-by less? lst)
  (if (or (null? lst) (null? (cdr lst)))
      lst
      (let split ((l lst) (a '()) (b '()))
        (if (null? l)
            (merge-by less? (sort-by less? a) (sort-by less? b))
            (split (cdr l) (cons (car l) b) a)))))

(define (dedupe-sorted eq lst)
  (cond ((or (null? lst) (null? (cdr lst))) lst)
        ((eq (car lst) (cadr lst)) (dedupe-sorted eq (cdr lst)))
        (else (cons (car lst) (dedupe-sorted eq (cdr lst))))))

;; Literals are nonzero integers: v or -v.  A clause is a sorted list of literals.
(define (literal<? a b)
  (let ((va (abs a)) (vb (abs b)))
    (or (< va vb) (and (= va vb) (< a b)))))

(define (normalize-clause c) (dedupe-sorted = (sort-by literal<? c)))

(define (tautology? c) (any* (lambda (l) (memv (- l) c)) c))

;; Is clause a a subset of clause b?
(define (subsumes? a b) (every* (lambda (l) (memv l b)) a))

(define (normalize-cnf clauses)
  (let* ((cs (map normalize-clause clauses))
         (cs (filter* (lambda (c) (not (tautology? c))) cs))
         (cs (dedupe-sorted lex=? (sort-by lex<? cs))))
    (filter* (lambda (c)
               (not (any* (lambda (d) (and (not (eq? c d)) (subsumes? d c))) cs)))
             cs)))

;; ---------------------------------------------------------------- DPLL
;; An assignment is an alist from variable to #t/#f.
(define (lit-value lit assignment)
  (let ((b (assv (abs lit) assignment)))
    (cond ((not b) 'unknown)
          ((> lit 0) (cdr b))
          (else (not (cdr b))))))

;; Simplify a clause set under LIT being true.
(define (assign lit clauses)
  (let loop ((cs clauses) (acc '()))
    (cond ((null? cs) (reverse acc))
          ((memv lit (car cs)) (loop (cdr cs) acc))
          ((memv (- lit) (car cs))
           (loop (cdr cs) (cons (filter* (lambda (l) (not (= l (- lit)))) (car cs)) acc)))
          (else (loop (cdr cs) (cons (car cs) acc))))))

(define decisions 0)

(define (find-unit clauses)
  (cond ((null? clauses) #f)
        ((and (pair? (car clauses)) (null? (cdar clauses))) (caar clauses))
        (else (find-unit (cdr clauses)))))

;; Most frequent variable in the shortest clauses, by an assv-counted table.
(define (choose clauses)
  (let* ((shortest (let loop ((cs clauses) (best 1000))
                     (if (null? cs) best (loop (cdr cs) (min best (length (car cs)))))))
         (table (let loop ((cs clauses) (table '()))
                  (cond ((null? cs) table)
                        ((= (length (car cs)) shortest)
                         (loop (cdr cs)
                               (let count ((ls (car cs)) (table table))
                                 (if (null? ls)
                                     table
                                     (let ((e (assv (car ls) table)))
                                       (if e
                                           (begin (set-cdr! e (+ (cdr e) 1)) (count (cdr ls) table))
                                           (count (cdr ls) (cons (cons (car ls) 1) table))))))))
                        (else (loop (cdr cs) table))))))
    (car (let loop ((t (cdr table)) (best (car table)))
           (cond ((null? t) best)
                 ((> (cdar t) (cdr best)) (loop (cdr t) (car t)))
                 (else (loop (cdr t) best)))))))

;; Returns a satisfying assignment or #f.
(define (dpll clauses assignment)
  (cond ((null? clauses) assignment)
        ((memq '() clauses) #f)
        ((find-unit clauses)
         => (lambda (lit)
              (dpll (assign lit clauses) (cons (cons (abs lit) (> lit 0)) assignment))))
        (else
         (set! decisions (+ decisions 1))
         (let ((lit (choose clauses)))
           (or (dpll (assign lit clauses) (cons (cons (abs lit) (> lit 0)) assignment))
               (dpll (assign (- lit) clauses) (cons (cons (abs lit) (< lit 0)) assignment)))))))

(define (satisfies? assignment clauses)
  (every* (lambda (c) (any* (lambda (l) (eq? (lit-value l assignment) #t)) c)) clauses))

;; ---------------------------------------------------------------- problems
(define (random-clause vars width)
  (let loop ((k width) (acc '()))
    (if (= k 0)
        acc
        (let ((v (+ 1 (rand! vars))))
          (loop (- k 1) (cons (if (= (rand! 2) 0) v (- v)) acc))))))

(define (random-cnf vars count)
  (let loop ((i 0) (acc '()))
    (if (= i count) acc (loop (+ i 1) (cons (random-clause vars 3) acc)))))

;; Pigeonhole: N+1 pigeons in N holes (unsatisfiable). Variable (i,j) = i*N + j + 1.
(define (pigeonhole n)
  (let ((var (lambda (i j) (+ (* i n) j 1))))
    (append
     (map (lambda (i) (map (lambda (j) (var i j)) (iota* n))) (iota* (+ n 1)))
     (apply append
            (map (lambda (j)
                   (apply append
                          (map (lambda (i1)
                                 (map (lambda (i2) (list (- (var i1 j)) (- (var i2 j))))
                                      (filter* (lambda (i2) (> i2 i1)) (iota* (+ n 1)))))
                               (iota* (+ n 1)))))
                 (iota* n))))))

(define (iota* n) (let loop ((i (- n 1)) (acc '())) (if (< i 0) acc (loop (- i 1) (cons i acc)))))

(define (solve cnf)
  (let* ((cs (normalize-cnf cnf))
         (a (dpll cs '())))
    (cond ((not a) 'unsat)
          ((satisfies? a cs) 'sat)
          (else 'wrong))))

(define (run instances)
  (let loop ((i 0) (sat 0) (unsat 0))
    (if (= i instances)
        (let* ((hole (solve (pigeonhole 7))))
          (list sat unsat decisions hole))
        (let ((r (solve (random-cnf 50 (+ 200 (rand! 25))))))
          (case r
            ((sat) (loop (+ i 1) (+ sat 1) unsat))
            ((unsat) (loop (+ i 1) sat (+ unsat 1)))
            (else (list 'error i)))))))

(display (run 200))
(newline)
