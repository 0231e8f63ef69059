;;; simplify: a symbolic algebra simplifier driven by property lists (operator properties looked up with assq, rewrite rules matched by a pattern matcher with alist bindings, assv/memv on small integers, like terms collected), checked by evaluating before and after.

(define seed 99)
(define (rand! n)
  (set! seed (modulo (+ (* seed 1103515245) 12345) 2147483648))
  (modulo (quotient seed 65536) n))

;; ---------------------------------------------------------------- property lists
;; *properties*: an alist from symbol to its property list, itself an alist.
(define *properties* '())

(define (put! sym key val)
  (let ((entry (assq sym *properties*)))
    (if entry
        (let ((p (assq key (cdr entry))))
          (if p (set-cdr! p val) (set-cdr! entry (cons (cons key val) (cdr entry)))))
        (set! *properties* (cons (list sym (cons key val)) *properties*)))))

(define (get sym key)
  (let ((entry (assq sym *properties*)))
    (and entry (let ((p (assq key (cdr entry)))) (and p (cdr p))))))

(put! '+ 'associative #t)
(put! '+ 'commutative #t)
(put! '+ 'identity 0)
(put! '+ 'fold +)
(put! '+ 'rank 1)
(put! '* 'associative #t)
(put! '* 'commutative #t)
(put! '* 'identity 1)
(put! '* 'absorbing 0)
(put! '* 'fold *)
(put! '* 'rank 2)
(put! 'expt 'rank 3)
(put! 'neg 'rank 4)
(put! 'neg 'involution #t)
(for-each (lambda (v r) (put! v 'rank r) (put! v 'variable #t))
          '(a b c x y z) '(10 11 12 13 14 15))

;; ---------------------------------------------------------------- ordering
;; A total order on expressions: numbers, then variables, then compound terms.
(define (rank e)
  (cond ((number? e) 0)
        ((symbol? e) (or (get e 'rank) 99))
        (else (+ 100 (or (get (car e) 'rank) 99)))))

(define (expr<? a b)
  (let ((ra (rank a)) (rb (rank b)))
    (cond ((< ra rb) #t)
          ((> ra rb) #f)
          ((number? a) (< a b))
          ((symbol? a) #f)
          (else (args<? (cdr a) (cdr b))))))

(define (args<? as bs)
  (cond ((null? as) (pair? bs))
        ((null? bs) #f)
        ((expr<? (car as) (car bs)) #t)
        ((expr<? (car bs) (car as)) #f)
        (else (args<? (cdr as) (cdr bs)))))

(define (insert-sorted x lst)
  (if (or (null? lst) (expr<? x (car lst)))
      (cons x lst)
      (cons (car lst) (insert-sorted x (cdr lst)))))

(define (sort-exprs lst)
  (let loop ((l lst) (acc '()))
    (if (null? l) acc (loop (cdr l) (insert-sorted (car l) acc)))))

;; ---------------------------------------------------------------- rewrite rules
;; Pattern variables are symbols in the list pattern-vars; bindings are an alist.
(define pattern-vars '(?u ?v ?w))

(define (match pat e bindings)
  (cond ((not bindings) #f)
        ((memq pat pattern-vars)
         (let ((b (assq pat bindings)))
           (cond ((not b) (cons (cons pat e) bindings))
                 ((equal? (cdr b) e) bindings)
                 (else #f))))
        ((pair? pat)
         (and (pair? e)
              (= (length pat) (length e))
              (let loop ((ps pat) (es e) (bs bindings))
                (cond ((not bs) #f)
                      ((null? ps) bs)
                      (else (loop (cdr ps) (cdr es) (match (car ps) (car es) bs)))))))
        ((eqv? pat e) bindings)
        (else #f)))

(define (instantiate tmpl bindings)
  (cond ((memq tmpl pattern-vars) (cdr (assq tmpl bindings)))
        ((pair? tmpl) (map (lambda (t) (instantiate t bindings)) tmpl))
        (else tmpl)))

(define rules
  '(((expt ?u 1) . ?u)
    ((expt ?u 0) . 1)
    ((expt 1 ?u) . 1)
    ((neg (neg ?u)) . ?u)
    ((neg 0) . 0)
    ((* -1 ?u) . (neg ?u))
    ((expt (expt ?u ?v) ?w) . (expt ?u (* ?v ?w)))))

(define (apply-rules e)
  (let loop ((rs rules))
    (if (null? rs)
        e
        (let ((b (match (caar rs) e '())))
          (if b (instantiate (cdar rs) b) (loop (cdr rs)))))))

;; ---------------------------------------------------------------- simplification
;; Flatten nested applications of an associative operator.
(define (flatten op args)
  (if (get op 'associative)
      (let loop ((as args) (acc '()))
        (cond ((null? as) (reverse acc))
              ((and (pair? (car as)) (eq? (caar as) op)) (loop (append (cdar as) (cdr as)) acc))
              (else (loop (cdr as) (cons (car as) acc)))))
      args))

;; Split a product into (coefficient . rest-of-term) for collecting like terms.
(define (coefficient-split t)
  (cond ((number? t) (cons t 1))
        ((and (pair? t) (eq? (car t) '*) (number? (cadr t)))
         (cons (cadr t) (if (null? (cdddr* t)) (caddr t) (cons '* (cddr t)))))
        ((and (pair? t) (eq? (car t) 'neg)) (let ((s (coefficient-split (cadr t)))) (cons (- (car s)) (cdr s))))
        (else (cons 1 t))))

(define (cdddr* t) (cdr (cddr t)))

(define (collect-terms args)
  (let loop ((as args) (table '()))
    (if (null? as)
        (map (lambda (entry)
               (let ((k (cdr entry)) (t (car entry)))
                 (cond ((eqv? t 1) k)
                       ((memv k '(0)) 0)
                       ((eqv? k 1) t)
                       (else (list '* k t)))))
             (reverse table))
        (let* ((s (coefficient-split (car as)))
               (entry (assoc (cdr s) table)))
          (if entry
              (begin (set-cdr! entry (+ (cdr entry) (car s))) (loop (cdr as) table))
              (loop (cdr as) (cons (cons (cdr s) (car s)) table)))))))

;; Combine powers of the same base in a product: x * x^2 -> x^3.
(define (collect-powers args)
  (let loop ((as args) (table '()))
    (if (null? as)
        (map (lambda (e) (if (eqv? (cdr e) 1) (car e) (list 'expt (car e) (cdr e)))) (reverse table))
        (let* ((a (car as))
               (base (if (and (pair? a) (eq? (car a) 'expt) (number? (caddr a))) (cadr a) a))
               (n (if (eq? base a) 1 (caddr a)))
               (entry (and (not (number? base)) (assoc base table))))
          (cond (entry (set-cdr! entry (+ (cdr entry) n)) (loop (cdr as) table))
                (else (loop (cdr as) (cons (cons base n) table))))))))

(define (simplify-op op args)
  (let* ((args (flatten op args))
         (nums (filter-list number? args))
         (others (filter-list (lambda (a) (not (number? a))) args))
         (folded (if (get op 'fold) (apply (get op 'fold) nums) #f))
         (others (cond ((eq? op '+) (collect-terms others))
                       ((eq? op '*) (collect-powers others))
                       (else others)))
         (others (sort-exprs (filter-list (lambda (a) (not (eqv? a (get op 'identity)))) others)))
         (all (if (or (not folded) (eqv? folded (get op 'identity))) others (cons folded others))))
    (cond ((and (get op 'absorbing) (memv (get op 'absorbing) all)) (get op 'absorbing))
          ((null? all) (get op 'identity))
          ((null? (cdr all)) (car all))
          (else (cons op all)))))

(define (filter-list keep? lst)
  (cond ((null? lst) '())
        ((keep? (car lst)) (cons (car lst) (filter-list keep? (cdr lst))))
        (else (filter-list keep? (cdr lst)))))

(define (simplify e)
  (if (pair? e)
      (let* ((op (car e))
             (args (map simplify (cdr e)))
             (s (if (get op 'fold)
                    (simplify-op op args)
                    (cond ((and (eq? op 'expt) (number? (car args)) (number? (cadr args))
                                (>= (cadr args) 0))
                           (expt (car args) (cadr args)))
                          ((and (eq? op 'neg) (number? (car args))) (- (car args)))
                          (else (cons op args)))))
             (r (apply-rules s)))
        (if (equal? r s) s (simplify r)))
      e))

;; ---------------------------------------------------------------- checking
(define (evaluate e env)
  (cond ((number? e) e)
        ((symbol? e) (cdr (assq e env)))
        (else
         (let ((vals (map (lambda (a) (evaluate a env)) (cdr e))))
           (case (car e)
             ((+) (apply + vals))
             ((*) (apply * vals))
             ((neg) (- (car vals)))
             ((expt) (expt (car vals) (cadr vals)))
             (else 'bad-operator))))))

(define (size e) (if (pair? e) (apply + 1 (map size (cdr e))) 1))

(define variables '#(a b c x y z))

(define (random-expr depth)
  (if (or (= depth 0) (= (rand! 5) 0))
      (case (rand! 3)
        ((0) (rand! 4))
        (else (vector-ref variables (rand! 6))))
      (case (rand! 6)
        ((0 1) (cons '+ (random-args depth (+ 2 (rand! 3)))))
        ((2 3) (cons '* (random-args depth (+ 2 (rand! 2)))))
        ((4) (list 'expt (random-expr (- depth 1)) (rand! 3)))
        (else (list 'neg (random-expr (- depth 1)))))))

(define (random-args depth n)
  (if (= n 0) '() (let ((a (random-expr (- depth 1)))) (cons a (random-args depth (- n 1))))))

(define env1 '((a . 2) (b . -3) (c . 5) (x . 7) (y . -1) (z . 3)))
(define env2 '((a . -4) (b . 6) (c . 1) (x . 2) (y . 9) (z . -2)))

(define (run count)
  (let loop ((i 0) (before 0) (after 0) (agree 0))
    (if (= i count)
        (list before after agree)
        (let* ((e (random-expr 6))
               (s (simplify e))
               (ok (and (= (evaluate e env1) (evaluate s env1))
                        (= (evaluate e env2) (evaluate s env2)))))
          (loop (+ i 1) (+ before (size e)) (+ after (size s)) (if ok (+ agree 1) agree))))))

(display (run 10000))
(newline)
