;;; SRFI 1, list library: the definitions (lib/srfi/1.sld exports them).
;;;
;;; The names SRFI 1 shares with (scheme base) and (scheme cxr) (`cons`,
;;; `list`, `map`, `for-each`, `member`, `assoc`, `length`, `append`, ...) are
;;; not defined here: the library re-exports the base bindings, whose meaning
;;; is SRFI 1's (`map` and `for-each` stop at the shortest list, so circular
;;; lists are fine as long as one list is finite).
;;;
;;; The procedures programs use in loops (`fold`, `filter`, `iota`, `any`,
;;; `every`, `delete`, `append-map`, ...) have a one-list path that is a plain
;;; loop; several lists go through the `srfi-1:` helpers. A list argument that
;;; ends in something other than `()` where a proper list is required is an
;;; error naming the procedure; the check costs one test at the end of the loop.
;;; Helpers are named `srfi-1:...` (private to the library).

;;; Errors and argument checks.

(define (srfi-1:not-list who x) (error who "not a proper list" x))

(define (srfi-1:check-proc who f)
  (if (not (procedure? f)) (error who "not a procedure" f)))

(define (srfi-1:check-index who k)
  (if (not (and (exact-integer? k) (>= k 0)))
      (error who "not a non-negative exact integer" k)))

;; The end of a list walk: `()` is fine, anything else is not a list.
(define (srfi-1:end who l lis)
  (if (not (null? l)) (srfi-1:not-list who lis)))

;;; Several lists at once: the heads and the tails, or #f when any list
;;; has run out (so n-ary procedures stop at the shortest list).

(define (srfi-1:any-empty? lists)
  (and (pair? lists)
       (or (not (pair? (car lists))) (srfi-1:any-empty? (cdr lists)))))

(define (srfi-1:cars lists)
  (if (pair? lists) (cons (car (car lists)) (srfi-1:cars (cdr lists))) '()))

(define (srfi-1:cdrs lists)
  (if (pair? lists) (cons (cdr (car lists)) (srfi-1:cdrs (cdr lists))) '()))

;; The heads with `last` appended: the arguments of a fold's `kons`.
(define (srfi-1:cars+ lists last)
  (if (pair? lists)
      (cons (car (car lists)) (srfi-1:cars+ (cdr lists) last))
      (list last)))

;;; Constructors

(define (xcons d a) (cons a d))

(define (cons* first . rest)
  (let build ((x first) (rest rest))
    (if (pair? rest) (cons x (build (car rest) (cdr rest))) x)))

(define (list-tabulate n init-proc)
  (srfi-1:check-index 'list-tabulate n)
  (srfi-1:check-proc 'list-tabulate init-proc)
  (let loop ((i (- n 1)) (acc '()))
    (if (< i 0) acc (loop (- i 1) (cons (init-proc i) acc)))))

(define (circular-list elt . elts)
  (let ((head (cons elt elts)))
    (set-cdr! (last-pair head) head)
    head))

;; Each element is start + i*step, computed afresh (no accumulated rounding).
(define (iota count . start+step)
  (srfi-1:check-index 'iota count)
  (let ((start (if (pair? start+step) (car start+step) 0))
        (step (if (and (pair? start+step) (pair? (cdr start+step)))
                  (car (cdr start+step))
                  1)))
    (if (not (number? start)) (error 'iota "not a number" start))
    (if (not (number? step)) (error 'iota "not a number" step))
    (if (and (exact? start) (exact? step))
        ;; Exact: no rounding to accumulate, so step down from the last value.
        (let loop ((i count) (x (+ start (* (- count 1) step))) (acc '()))
          (if (= i 0)
              acc
              (loop (- i 1) (- x step) (cons x acc))))
        (let loop ((i (- count 1)) (acc '()))
          (if (< i 0)
              acc
              (loop (- i 1) (cons (+ start (* i step)) acc)))))))

;;; Predicates

(define (proper-list? x) (list? x))

(define (circular-list? x)
  (let loop ((slow x) (fast x))
    (and (pair? fast)
         (let ((fast (cdr fast)))
           (and (pair? fast)
                (let ((fast (cdr fast)) (slow (cdr slow)))
                  (or (eq? fast slow) (loop slow fast))))))))

(define (dotted-list? x)
  (let loop ((slow x) (fast x))
    (if (pair? fast)
        (let ((fast (cdr fast)))
          (if (pair? fast)
              (let ((fast (cdr fast)) (slow (cdr slow)))
                (and (not (eq? fast slow)) (loop slow fast)))
              (not (null? fast))))
        (not (null? fast)))))

(define (not-pair? x) (not (pair? x)))

(define (null-list? l)
  (cond ((pair? l) #f)
        ((null? l) #t)
        (else (error 'null-list? "not a list" l))))

(define (list= elt= . lists)
  (define (same? a b)
    (let loop ((a a) (b b))
      (cond ((pair? a) (and (pair? b) (elt= (car a) (car b)) (loop (cdr a) (cdr b))))
            (else (not (pair? b))))))
  (srfi-1:check-proc 'list= elt=)
  (let loop ((lists lists))
    (or (not (pair? lists))
        (not (pair? (cdr lists)))
        (and (same? (car lists) (car (cdr lists)))
             (loop (cdr lists))))))

;;; Selectors

(define (srfi-1:nth who x n)
  (let loop ((l x) (i n))
    (if (pair? l)
        (if (= i 0) (car l) (loop (cdr l) (- i 1)))
        (error who "list too short" x))))

(define (first x) (if (pair? x) (car x) (srfi-1:nth 'first x 0)))
(define (second x) (srfi-1:nth 'second x 1))
(define (third x) (srfi-1:nth 'third x 2))
(define (fourth x) (srfi-1:nth 'fourth x 3))
(define (fifth x) (srfi-1:nth 'fifth x 4))
(define (sixth x) (srfi-1:nth 'sixth x 5))
(define (seventh x) (srfi-1:nth 'seventh x 6))
(define (eighth x) (srfi-1:nth 'eighth x 7))
(define (ninth x) (srfi-1:nth 'ninth x 8))
(define (tenth x) (srfi-1:nth 'tenth x 9))

(define (car+cdr p)
  (if (not (pair? p)) (error 'car+cdr "not a pair" p))
  (values (car p) (cdr p)))

(define (take lis k)
  (srfi-1:check-index 'take k)
  (let loop ((l lis) (k k))
    (cond ((= k 0) '())
          ((pair? l) (cons (car l) (loop (cdr l) (- k 1))))
          (else (error 'take "list too short" lis)))))

(define (drop lis k) (srfi-1:drop 'drop lis k))

(define (srfi-1:drop who lis k)
  (srfi-1:check-index who k)
  (let loop ((l lis) (k k))
    (cond ((= k 0) l)
          ((pair? l) (loop (cdr l) (- k 1)))
          (else (error who "list too short" lis)))))

(define (take! lis k)
  (srfi-1:check-index 'take! k)
  (if (= k 0)
      '()
      (begin
        (set-cdr! (srfi-1:pair-at 'take! lis (- k 1)) '())
        lis)))

;; The pair at index k, for the destructive selectors.
(define (srfi-1:pair-at who lis k)
  (let loop ((l lis) (k k))
    (cond ((not (pair? l)) (error who "list too short" lis))
          ((= k 0) l)
          (else (loop (cdr l) (- k 1))))))

(define (take-right lis k)
  (let loop ((lag lis) (lead (srfi-1:drop 'take-right lis k)))
    (if (pair? lead) (loop (cdr lag) (cdr lead)) lag)))

(define (drop-right lis k)
  (let loop ((lag lis) (lead (srfi-1:drop 'drop-right lis k)))
    (if (pair? lead) (cons (car lag) (loop (cdr lag) (cdr lead))) '())))

(define (drop-right! lis k)
  (let ((lead (srfi-1:drop 'drop-right! lis k)))
    (if (pair? lead)
        (let loop ((lag lis) (lead (cdr lead)))
          (if (pair? lead)
              (loop (cdr lag) (cdr lead))
              (begin (set-cdr! lag '()) lis)))
        '())))

(define (split-at lis k)
  (srfi-1:check-index 'split-at k)
  (let loop ((l lis) (k k) (rev '()))
    (cond ((= k 0) (values (reverse! rev) l))
          ((pair? l) (loop (cdr l) (- k 1) (cons (car l) rev)))
          (else (error 'split-at "list too short" lis)))))

(define (split-at! lis k)
  (srfi-1:check-index 'split-at! k)
  (if (= k 0)
      (values '() lis)
      (let* ((prev (srfi-1:pair-at 'split-at! lis (- k 1)))
             (suffix (cdr prev)))
        (set-cdr! prev '())
        (values lis suffix))))

(define (last-pair lis)
  (if (not (pair? lis)) (error 'last-pair "not a pair" lis))
  (let loop ((l lis))
    (if (pair? (cdr l)) (loop (cdr l)) l)))

(define (last lis)
  (if (not (pair? lis)) (error 'last "not a pair" lis))
  (car (last-pair lis)))

;;; Miscellaneous: length, append, concatenate, reverse, zip and count

;; The number of pairs, or #f for a circular list.
(define (length+ x)
  (let loop ((slow x) (fast x) (n 0))
    (if (pair? fast)
        (let ((fast (cdr fast)))
          (if (pair? fast)
              (let ((fast (cdr fast)) (slow (cdr slow)))
                (if (eq? fast slow) #f (loop slow fast (+ n 2))))
              (+ n 1)))
        n)))

(define (append! . lists)
  ;; Skip leading empty lists; then link each non-empty list to the next.
  (let find-first ((ls lists))
    (cond ((null? ls) '())
          ((null? (cdr ls)) (car ls))
          ((pair? (car ls))
           (let ((result (car ls)))
             (let link ((tail (last-pair (car ls))) (rest (cdr ls)))
               (cond ((null? (cdr rest)) (set-cdr! tail (car rest)) result)
                     ((pair? (car rest))
                      (set-cdr! tail (car rest))
                      (link (last-pair (car rest)) (cdr rest)))
                     ((null? (car rest)) (link tail (cdr rest)))
                     (else (error 'append! "not a list" (car rest)))))))
          ((null? (car ls)) (find-first (cdr ls)))
          (else (error 'append! "not a list" (car ls))))))

(define (concatenate lists) (srfi-1:apply-append 'concatenate append lists))

(define (concatenate! lists) (srfi-1:apply-append 'concatenate! append! lists))

(define (srfi-1:apply-append who app lists)
  (if (not (list? lists)) (srfi-1:not-list who lists))
  (apply app lists))

(define (reverse! lis)
  (let loop ((l lis) (acc '()))
    (if (pair? l)
        (let ((next (cdr l)))
          (set-cdr! l acc)
          (loop next l))
        (begin (srfi-1:end 'reverse! l lis) acc))))

(define (append-reverse rev-head tail)
  (let loop ((l rev-head) (acc tail))
    (if (pair? l)
        (loop (cdr l) (cons (car l) acc))
        (begin (srfi-1:end 'append-reverse l rev-head) acc))))

(define (append-reverse! rev-head tail)
  (let loop ((l rev-head) (acc tail))
    (if (pair? l)
        (let ((next (cdr l)))
          (set-cdr! l acc)
          (loop next l))
        (begin (srfi-1:end 'append-reverse! l rev-head) acc))))

(define (zip list1 . lists) (apply map list list1 lists))

(define (unzip1 lis) (map car lis))

(define (unzip2 lis)
  (values (map car lis) (map cadr lis)))

(define (unzip3 lis)
  (values (map car lis) (map cadr lis) (map caddr lis)))

(define (unzip4 lis)
  (values (map car lis) (map cadr lis) (map caddr lis) (map cadddr lis)))

(define (unzip5 lis)
  (values (map car lis) (map cadr lis) (map caddr lis) (map cadddr lis)
          (map (lambda (x) (car (cddddr x))) lis)))

(define (count pred lis . lists)
  (srfi-1:check-proc 'count pred)
  (if (null? lists)
      (let loop ((l lis) (n 0))
        (if (pair? l)
            (loop (cdr l) (if (pred (car l)) (+ n 1) n))
            (begin (srfi-1:end 'count l lis) n)))
      (let loop ((ls (cons lis lists)) (n 0))
        (if (srfi-1:any-empty? ls)
            n
            (loop (srfi-1:cdrs ls)
                  (if (apply pred (srfi-1:cars ls)) (+ n 1) n))))))

;;; Fold, unfold and map

(define (fold kons knil lis . lists)
  (srfi-1:check-proc 'fold kons)
  (if (null? lists)
      (let loop ((l lis) (acc knil))
        (if (pair? l)
            (loop (cdr l) (kons (car l) acc))
            (begin (srfi-1:end 'fold l lis) acc)))
      (let loop ((ls (cons lis lists)) (acc knil))
        (if (srfi-1:any-empty? ls)
            acc
            (loop (srfi-1:cdrs ls) (apply kons (srfi-1:cars+ ls acc)))))))

(define (fold-right kons knil lis . lists)
  (srfi-1:check-proc 'fold-right kons)
  (if (null? lists)
      (let loop ((l lis))
        (if (pair? l)
            (kons (car l) (loop (cdr l)))
            (begin (srfi-1:end 'fold-right l lis) knil)))
      (let loop ((ls (cons lis lists)))
        (if (srfi-1:any-empty? ls)
            knil
            (apply kons (srfi-1:cars+ ls (loop (srfi-1:cdrs ls))))))))

;; The pair folds take each tail before calling `kons`, which may alter it.
(define (pair-fold kons knil lis . lists)
  (srfi-1:check-proc 'pair-fold kons)
  (if (null? lists)
      (let loop ((l lis) (acc knil))
        (if (pair? l)
            (let ((next (cdr l)))
              (loop next (kons l acc)))
            (begin (srfi-1:end 'pair-fold l lis) acc)))
      (let loop ((ls (cons lis lists)) (acc knil))
        (if (srfi-1:any-empty? ls)
            acc
            (let ((next (srfi-1:cdrs ls)))
              (loop next (apply kons (append ls (list acc)))))))))

(define (pair-fold-right kons knil lis . lists)
  (srfi-1:check-proc 'pair-fold-right kons)
  (if (null? lists)
      (let loop ((l lis))
        (if (pair? l)
            (kons l (loop (cdr l)))
            (begin (srfi-1:end 'pair-fold-right l lis) knil)))
      (let loop ((ls (cons lis lists)))
        (if (srfi-1:any-empty? ls)
            knil
            (apply kons (append ls (list (loop (srfi-1:cdrs ls)))))))))

(define (reduce f ridentity lis)
  (srfi-1:check-proc 'reduce f)
  (cond ((pair? lis) (fold f (car lis) (cdr lis)))
        ((null? lis) ridentity)
        (else (srfi-1:not-list 'reduce lis))))

(define (reduce-right f ridentity lis)
  (srfi-1:check-proc 'reduce-right f)
  (cond ((pair? lis)
         (let loop ((x (car lis)) (rest (cdr lis)))
           (if (pair? rest)
               (f x (loop (car rest) (cdr rest)))
               (begin (srfi-1:end 'reduce-right rest lis) x))))
        ((null? lis) ridentity)
        (else (srfi-1:not-list 'reduce-right lis))))

(define (unfold stop? mapper successor seed . tail-gen)
  (srfi-1:check-proc 'unfold stop?)
  (srfi-1:check-proc 'unfold mapper)
  (srfi-1:check-proc 'unfold successor)
  (let ((tail-gen (if (pair? tail-gen) (car tail-gen) (lambda (x) '()))))
    (let loop ((seed seed))
      (if (stop? seed)
          (tail-gen seed)
          (let ((x (mapper seed)))
            (cons x (loop (successor seed))))))))

(define (unfold-right stop? mapper successor seed . tail)
  (srfi-1:check-proc 'unfold-right stop?)
  (srfi-1:check-proc 'unfold-right mapper)
  (srfi-1:check-proc 'unfold-right successor)
  (let loop ((seed seed) (acc (if (pair? tail) (car tail) '())))
    (if (stop? seed)
        acc
        (loop (successor seed) (cons (mapper seed) acc)))))

(define (append-map f lis . lists)
  (srfi-1:check-proc 'append-map f)
  (if (null? lists)
      ;; Each result is copied except the last, which becomes the tail.
      (let loop ((l lis))
        (if (pair? l)
            (let ((x (f (car l))))
              (if (pair? (cdr l))
                  (append x (loop (cdr l)))
                  x))
            (begin (srfi-1:end 'append-map l lis) '())))
      (apply append (apply map f lis lists))))

(define (append-map! f lis . lists)
  (srfi-1:check-proc 'append-map! f)
  (apply append! (apply map f lis lists)))

(define (map! f lis . lists)
  (srfi-1:check-proc 'map! f)
  (if (null? lists)
      (let loop ((l lis))
        (if (pair? l)
            (begin (set-car! l (f (car l))) (loop (cdr l)))
            (begin (srfi-1:end 'map! l lis) lis)))
      (let loop ((l lis) (ls lists))
        (if (or (not (pair? l)) (srfi-1:any-empty? ls))
            lis
            (begin
              (set-car! l (apply f (car l) (srfi-1:cars ls)))
              (loop (cdr l) (srfi-1:cdrs ls)))))))

;; closc's `map` already applies `f` from left to right.
(define (map-in-order f lis . lists)
  (srfi-1:check-proc 'map-in-order f)
  (apply map f lis lists))

(define (pair-for-each f lis . lists)
  (srfi-1:check-proc 'pair-for-each f)
  (if (null? lists)
      (let loop ((l lis))
        (if (pair? l)
            (let ((next (cdr l)))
              (f l)
              (loop next))
            (srfi-1:end 'pair-for-each l lis)))
      (let loop ((ls (cons lis lists)))
        (if (not (srfi-1:any-empty? ls))
            (let ((next (srfi-1:cdrs ls)))
              (apply f ls)
              (loop next))))))

(define (filter-map f lis . lists)
  (srfi-1:check-proc 'filter-map f)
  (if (null? lists)
      (let loop ((l lis))
        (if (pair? l)
            (let ((x (f (car l))))
              (if x (cons x (loop (cdr l))) (loop (cdr l))))
            (begin (srfi-1:end 'filter-map l lis) '())))
      (let loop ((ls (cons lis lists)))
        (if (srfi-1:any-empty? ls)
            '()
            (let ((x (apply f (srfi-1:cars ls))))
              (if x
                  (cons x (loop (srfi-1:cdrs ls)))
                  (loop (srfi-1:cdrs ls))))))))

;;; Filtering and partitioning

;; The result shares the longest tail of `lis` whose elements all pass.
(define (filter pred lis)
  (srfi-1:check-proc 'filter pred)
  (srfi-1:filter 'filter pred lis))

(define (srfi-1:filter who pred lis)
  (let loop ((l lis))
    (if (pair? l)
        (let ((x (car l)) (rest (cdr l)))
          (if (pred x)
              (let ((kept (loop rest)))
                (if (eq? kept rest) l (cons x kept)))
              (loop rest)))
        (begin (srfi-1:end who l lis) '()))))

(define (remove pred lis)
  (srfi-1:check-proc 'remove pred)
  (srfi-1:filter 'remove (lambda (x) (not (pred x))) lis))

(define (partition pred lis)
  (srfi-1:check-proc 'partition pred)
  (let loop ((l lis) (in '()) (out '()))
    (if (pair? l)
        (if (pred (car l))
            (loop (cdr l) (cons (car l) in) out)
            (loop (cdr l) in (cons (car l) out)))
        (begin
          (srfi-1:end 'partition l lis)
          (values (reverse! in) (reverse! out))))))

;; The destructive versions relink the pairs of `lis` into the result(s).
(define (filter! pred lis)
  (srfi-1:check-proc 'filter! pred)
  (srfi-1:split! 'filter! pred lis 'in))

(define (remove! pred lis)
  (srfi-1:check-proc 'remove! pred)
  (srfi-1:split! 'remove! pred lis 'out))

(define (partition! pred lis)
  (srfi-1:check-proc 'partition! pred)
  (srfi-1:split! 'partition! pred lis 'both))

;; Two lists made of the pairs of `lis`: those whose element passes and the
;; others; `which` says which to return (in, out or both as two values).
(define (srfi-1:split! who pred lis which)
  (let ((in-head (cons #f '())) (out-head (cons #f '())))
    (let loop ((l lis) (in in-head) (out out-head))
      (if (pair? l)
          (let ((next (cdr l)))
            (if (pred (car l))
                (begin (set-cdr! in l) (loop next l out))
                (begin (set-cdr! out l) (loop next in l))))
          (begin
            (srfi-1:end who l lis)
            (set-cdr! in '())
            (set-cdr! out '())
            (case which
              ((in) (cdr in-head))
              ((out) (cdr out-head))
              (else (values (cdr in-head) (cdr out-head)))))))))

;;; Searching

(define (find pred lis)
  (srfi-1:check-proc 'find pred)
  (let loop ((l lis))
    (if (pair? l)
        (if (pred (car l)) (car l) (loop (cdr l)))
        (begin (srfi-1:end 'find l lis) #f))))

(define (find-tail pred lis)
  (srfi-1:check-proc 'find-tail pred)
  (let loop ((l lis))
    (if (pair? l)
        (if (pred (car l)) l (loop (cdr l)))
        (begin (srfi-1:end 'find-tail l lis) #f))))

(define (take-while pred lis)
  (srfi-1:check-proc 'take-while pred)
  (let loop ((l lis))
    (if (and (pair? l) (pred (car l)))
        (cons (car l) (loop (cdr l)))
        '())))

(define (take-while! pred lis)
  (srfi-1:check-proc 'take-while! pred)
  (if (and (pair? lis) (pred (car lis)))
      (let loop ((prev lis))
        (let ((next (cdr prev)))
          (if (and (pair? next) (pred (car next)))
              (loop next)
              (begin (set-cdr! prev '()) lis))))
      '()))

(define (drop-while pred lis)
  (srfi-1:check-proc 'drop-while pred)
  (let loop ((l lis))
    (if (and (pair? l) (pred (car l))) (loop (cdr l)) l)))

(define (span pred lis)
  (srfi-1:check-proc 'span pred)
  (let loop ((l lis) (rev '()))
    (if (and (pair? l) (pred (car l)))
        (loop (cdr l) (cons (car l) rev))
        (values (reverse! rev) l))))

(define (span! pred lis)
  (srfi-1:check-proc 'span! pred)
  (if (and (pair? lis) (pred (car lis)))
      (let loop ((prev lis))
        (let ((next (cdr prev)))
          (if (and (pair? next) (pred (car next)))
              (loop next)
              (begin (set-cdr! prev '()) (values lis next)))))
      (values '() lis)))

(define (break pred lis)
  (srfi-1:check-proc 'break pred)
  (span (lambda (x) (not (pred x))) lis))

(define (break! pred lis)
  (srfi-1:check-proc 'break! pred)
  (span! (lambda (x) (not (pred x))) lis))

;; `any` and `every` call `pred` on the last element in tail position.
(define (any pred lis . lists)
  (srfi-1:check-proc 'any pred)
  (if (null? lists)
      (and (pair? lis)
           (let loop ((l lis))
             (let ((rest (cdr l)))
               (if (pair? rest)
                   (or (pred (car l)) (loop rest))
                   (begin (srfi-1:end 'any rest lis) (pred (car l)))))))
      (let loop ((ls (cons lis lists)))
        (and (not (srfi-1:any-empty? ls))
             (let ((next (srfi-1:cdrs ls)))
               (if (srfi-1:any-empty? next)
                   (apply pred (srfi-1:cars ls))
                   (or (apply pred (srfi-1:cars ls)) (loop next))))))))

(define (every pred lis . lists)
  (srfi-1:check-proc 'every pred)
  (if (null? lists)
      (or (not (pair? lis))
          (let loop ((l lis))
            (let ((rest (cdr l)))
              (if (pair? rest)
                  (and (pred (car l)) (loop rest))
                  (begin (srfi-1:end 'every rest lis) (pred (car l)))))))
      (let loop ((ls (cons lis lists)))
        (or (srfi-1:any-empty? ls)
            (let ((next (srfi-1:cdrs ls)))
              (if (srfi-1:any-empty? next)
                  (apply pred (srfi-1:cars ls))
                  (and (apply pred (srfi-1:cars ls)) (loop next))))))))

(define (list-index pred lis . lists)
  (srfi-1:check-proc 'list-index pred)
  (if (null? lists)
      (let loop ((l lis) (i 0))
        (if (pair? l)
            (if (pred (car l)) i (loop (cdr l) (+ i 1)))
            (begin (srfi-1:end 'list-index l lis) #f)))
      (let loop ((ls (cons lis lists)) (i 0))
        (cond ((srfi-1:any-empty? ls) #f)
              ((apply pred (srfi-1:cars ls)) i)
              (else (loop (srfi-1:cdrs ls) (+ i 1)))))))

;;; Deletion

;; Values for which `equal?` means `eq?`: symbols, characters, booleans, the
;; empty list and small exact integers (always fixnums, which `eq?` compares
;; by value). `delete` then skips the general `equal?`.
(define (srfi-1:eq-is-equal? x)
  (or (symbol? x) (char? x) (boolean? x) (null? x)
      (and (exact-integer? x) (<= -1073741824 x 1073741823))))

;; `=` is called as (= x element), as SRFI 1 specifies.
(define (delete x lis . maybe=)
  (if (null? maybe=)
      (let ((same? (if (srfi-1:eq-is-equal? x) eq? equal?)))
        (let loop ((l lis))
          (if (pair? l)
              (let ((y (car l)) (rest (cdr l)))
                (if (same? x y)
                  (loop rest)
                    (let ((kept (loop rest)))
                      (if (eq? kept rest) l (cons y kept)))))
              (begin (srfi-1:end 'delete l lis) '()))))
      (let ((= (car maybe=)))
        (srfi-1:check-proc 'delete =)
        (srfi-1:filter 'delete (lambda (y) (not (= x y))) lis))))

(define (delete! x lis . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (srfi-1:check-proc 'delete! =)
    (srfi-1:split! 'delete! (lambda (y) (= x y)) lis 'out)))

;; Keeps the first of each run of equal elements; `=` is called with the
;; earlier element first.
(define (delete-duplicates lis . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (srfi-1:check-proc 'delete-duplicates =)
    (let loop ((l lis))
      (if (pair? l)
          (let* ((x (car l))
                 (rest (cdr l))
                 (kept (loop (srfi-1:filter 'delete-duplicates
                                            (lambda (y) (not (= x y)))
                                            rest))))
            (if (eq? kept rest) l (cons x kept)))
          (begin (srfi-1:end 'delete-duplicates l lis) '())))))

(define (delete-duplicates! lis . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (srfi-1:check-proc 'delete-duplicates! =)
    (let loop ((l lis))
      (if (pair? l)
          (begin
            (set-cdr! l (loop (delete! (car l) (cdr l) =)))
            l)
          (begin (srfi-1:end 'delete-duplicates! l lis) '())))))

;;; Association lists

(define (alist-cons key datum alist) (cons (cons key datum) alist))

(define (alist-copy alist)
  (map (lambda (entry)
         (if (pair? entry)
             (cons (car entry) (cdr entry))
             (error 'alist-copy "not a pair" entry)))
       alist))

;; `=` is called as (= key entry-key).
(define (alist-delete key alist . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (srfi-1:check-proc 'alist-delete =)
    (srfi-1:filter 'alist-delete (lambda (entry) (not (= key (car entry)))) alist)))

(define (alist-delete! key alist . maybe=)
  (let ((= (if (pair? maybe=) (car maybe=) equal?)))
    (srfi-1:check-proc 'alist-delete! =)
    (remove! (lambda (entry) (= key (car entry))) alist)))

;;; Lists as sets. Each takes the element equality `=` first; elements of
;;; an earlier list are passed to `=` before elements of a later one.

(define (srfi-1:in? = x set)
  ;; Is there y in set with (= y x)?
  (let loop ((s set))
    (and (pair? s) (or (= (car s) x) (loop (cdr s))))))

(define (srfi-1:check-lists who lists)
  (for-each (lambda (l) (if (not (list? l)) (srfi-1:not-list who l))) lists))

(define (srfi-1:subset? = a b)
  (every (lambda (x) (any (lambda (y) (= x y)) b)) a))

(define (lset<= = . lists)
  (srfi-1:check-proc 'lset<= =)
  (srfi-1:check-lists 'lset<= lists)
  (let loop ((lists lists))
    (or (not (pair? lists))
        (not (pair? (cdr lists)))
        (and (or (eq? (car lists) (cadr lists))
                 (srfi-1:subset? = (car lists) (cadr lists)))
             (loop (cdr lists))))))

(define (lset= = . lists)
  (srfi-1:check-proc 'lset= =)
  (srfi-1:check-lists 'lset= lists)
  (let loop ((lists lists))
    (or (not (pair? lists))
        (not (pair? (cdr lists)))
        (let ((a (car lists)) (b (cadr lists)))
          (and (or (eq? a b)
                   (and (srfi-1:subset? = a b)
                        (srfi-1:subset? (lambda (x y) (= y x)) b a)))
               (loop (cdr lists)))))))

(define (lset-adjoin = lis . elts)
  (srfi-1:check-proc 'lset-adjoin =)
  (srfi-1:check-lists 'lset-adjoin (list lis))
  (fold (lambda (x acc) (if (srfi-1:in? = x acc) acc (cons x acc))) lis elts))

(define (lset-union = . lists)
  (srfi-1:check-proc 'lset-union =)
  (srfi-1:check-lists 'lset-union lists)
  (fold (lambda (b acc)
          (cond ((null? b) acc)
                ((null? acc) b)
                ((eq? b acc) acc)
                (else
                 (fold (lambda (x acc) (if (srfi-1:in? = x acc) acc (cons x acc)))
                       acc b))))
        '()
        lists))

(define (lset-union! = . lists) (apply lset-union = lists))

(define (lset-intersection = lis . lists)
  (srfi-1:check-proc 'lset-intersection =)
  (srfi-1:check-lists 'lset-intersection (cons lis lists))
  (let ((lists (delete lis lists eq?)))
    (if (any null? lists)
        '()
        (filter (lambda (x) (every (lambda (l) (any (lambda (y) (= x y)) l)) lists))
                lis))))

(define (lset-intersection! = lis . lists) (apply lset-intersection = lis lists))

(define (lset-difference = lis . lists)
  (srfi-1:check-proc 'lset-difference =)
  (srfi-1:check-lists 'lset-difference (cons lis lists))
  (let ((lists (filter pair? lists)))
    (cond ((null? lists) lis)
          ((memq lis lists) '())
          (else
           (filter (lambda (x)
                     (every (lambda (l) (not (any (lambda (y) (= x y)) l))) lists))
                   lis)))))

(define (lset-difference! = lis . lists) (apply lset-difference = lis lists))

;; Each step keeps the elements of the result so far that are not in the
;; next list, then adds that list's elements that are not in the result.
(define (lset-xor = . lists)
  (srfi-1:check-proc 'lset-xor =)
  (srfi-1:check-lists 'lset-xor lists)
  (fold (lambda (b a)
          (append (filter (lambda (x) (not (any (lambda (y) (= x y)) b))) a)
                  (filter (lambda (y) (not (any (lambda (x) (= x y)) a))) b)))
        '()
        lists))

(define (lset-xor! = . lists) (apply lset-xor = lists))

(define (lset-diff+intersection = lis . lists)
  (srfi-1:check-proc 'lset-diff+intersection =)
  (srfi-1:check-lists 'lset-diff+intersection (cons lis lists))
  (partition (lambda (x) (not (any (lambda (l) (any (lambda (y) (= x y)) l)) lists)))
             lis))

(define (lset-diff+intersection! = lis . lists)
  (apply lset-diff+intersection = lis lists))
