(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 69))
;; Keys that the collector moves, as keys of hash tables (moving-keys.sch),
;; with bursts of short-lived vectors between insertions and lookups:
;; minor collections, promotions.
(define (burst k) (let loop ((i 0) (l '())) (if (< i k) (loop (+ i 1) (cons (make-vector 10 i) (if (> (length l) 100) '() l))) #t)))
(include "moving-keys.sch")
