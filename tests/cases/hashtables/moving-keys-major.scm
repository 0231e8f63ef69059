(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 69))
;; Run with a small heap cap (moving-keys-major.env), so that major collections happen too.
;; Keys that the collector moves: pairs, vectors, strings, records and
;; procedures as keys of eq?, eqv? and equal? tables, with allocation
;; between the insertions and the lookups so that minor and major
;; collections happen (this group also runs under CLOSC_GC_STRESS=1).
(define (show . xs) (for-each display xs) (newline))
(define-record-type box3 (make-box3 n) box3? (n box3-n))
(define n 3000)
(define (make-keys make) (let loop ((i 0) (acc '())) (if (= i n) (reverse acc) (loop (+ i 1) (cons (make i) acc)))))
(define (filter-odd l) (cond ((null? l) '()) ((odd? (caar l)) (cons (car l) (filter-odd (cdr l)))) (else (filter-odd (cdr l)))))
(define garbage '())
(define (churn) (set! garbage (make-vector 50 (list 1 2 3))))
(define (check name table keys value-of)
  (let loop ((ks keys) (ok 0))
    (if (null? ks)
        (show name ": " ok "/" (length keys) " found, size " (hash-table-size table))
        (begin (churn)
               (loop (cdr ks) (if (equal? (hash-table-ref/default table (car ks) 'missing) (value-of (car ks)))
                                  (+ ok 1) ok))))))
(define (fill! table keys value-of)
  (for-each (lambda (k) (churn) (hash-table-set! table k (value-of k))) keys))

(define pairs (make-keys (lambda (i) (cons i i))))
(define eq-t (make-hash-table eq?))
(fill! eq-t pairs car)
(check "eq pairs" eq-t pairs car)
;; a big allocation burst: many collections, promotions, maybe a major one
(define (burst k)
  ;; Keeps up to 30000 vectors alive at a time: they get promoted, then die,
  ;; so the old generation fills and major collections come.
  (let loop ((i 0) (l '()) (m 0))
    (cond ((= i k) #t)
          ((= m 30000) (loop (+ i 1) '() 0))
          (else (loop (+ i 1) (cons (make-vector 10 i) l) (+ m 1))))))
(burst 200000)
(check "eq pairs after burst" eq-t pairs car)
;; fresh copies are other keys for eq?
(show "eq fresh copy: " (hash-table-ref/default eq-t (cons 5 5) 'missing))
;; deletions of moved keys
(for-each (lambda (k) (when (even? (car k)) (hash-table-delete! eq-t k))) pairs)
(burst 50000)
(check "eq odd pairs" eq-t (filter-odd pairs) car)

(define vectors (make-keys (lambda (i) (make-vector 3 i))))
(define eqv-t (make-hash-table eqv?))
(fill! eqv-t vectors (lambda (v) (vector-ref v 0)))
(burst 100000)
(check "eqv vectors" eqv-t vectors (lambda (v) (vector-ref v 0)))

(define records (make-keys make-box3))
(define rec-t (make-hash-table equal?))
(fill! rec-t records box3-n)
(burst 100000)
(check "equal records" rec-t records box3-n)

(define procs (make-keys (lambda (i) (lambda () i))))
(define proc-t (make-hash-table eqv?))
(fill! proc-t procs (lambda (p) (p)))
(burst 100000)
(check "eqv procedures" proc-t procs (lambda (p) (p)))

;; equal? keys found through fresh, equal structures (hashed by content)
(define lists (make-keys (lambda (i) (list i (number->string i) (vector i 'x)))))
(define equal-t (make-hash-table equal?))
(fill! equal-t lists car)
(burst 100000)
(check "equal lists" equal-t (make-keys (lambda (i) (list i (number->string i) (vector i 'x)))) car)
;; lists holding records: part content, part address
(define mixed (map (lambda (r) (list 'rec r)) records))
(define mixed-t (make-hash-table equal?))
(fill! mixed-t mixed (lambda (l) (box3-n (cadr l))))
(burst 100000)
(check "equal lists of records" mixed-t (map (lambda (r) (list 'rec r)) records) (lambda (l) (box3-n (cadr l))))

(define strings (make-keys number->string))
(define string-t (make-hash-table string=?))
(fill! string-t strings string->number)
(burst 100000)
(check "string=? strings" string-t (make-keys number->string) string->number)

;; a table that stays live across many collections while growing
(define grow (make-hash-table eq?))
(define grow-keys (make-keys (lambda (i) (string #\k))))
(let loop ((ks grow-keys) (i 0))
  (unless (null? ks)
    (hash-table-set! grow (car ks) i)
    (when (= 0 (modulo i 500)) (burst 20000))
    (loop (cdr ks) (+ i 1))))
(check "eq strings while growing" grow grow-keys
       (let ((table (make-hash-table eq?)))
         (let loop ((ks grow-keys) (i 0)) (unless (null? ks) (hash-table-set! table (car ks) i) (loop (cdr ks) (+ i 1))))
         (lambda (k) (hash-table-ref table k))))
