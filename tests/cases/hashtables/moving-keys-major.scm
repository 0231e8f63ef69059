(import (scheme base) (scheme char) (scheme write) (scheme cxr) (scheme inexact) (scheme complex) (scheme case-lambda) (scheme lazy) (scheme process-context) (srfi 69))
;; moving-keys.sch run with a small heap cap (moving-keys-major.env) and bursts
;; that keep many vectors alive for a while, so that major collections happen too.
(define (burst k)
  ;; Keeps up to 30000 vectors alive at a time: they get promoted, then die,
  ;; so the old generation fills and major collections come.
  (let loop ((i 0) (l '()) (m 0))
    (cond ((= i k) #t)
          ((= m 30000) (loop (+ i 1) '() 0))
          (else (loop (+ i 1) (cons (make-vector 10 i) l) (+ m 1))))))
(include "moving-keys.sch")
