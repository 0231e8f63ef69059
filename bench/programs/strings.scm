;;; strings: character-level string work (make-string/string-set!/string-ref, string-append, substring, string<->list, case on chars).

;; Rotate letters by K places, keep everything else.
(define (caesar s k)
  (let* ((n (string-length s)) (out (make-string n)))
    (do ((i 0 (+ i 1))) ((= i n) out)
      (let ((c (string-ref s i)))
        (string-set! out i
          (cond ((char-lower-case? c)
                 (integer->char (+ 97 (modulo (+ (- (char->integer c) 97) k) 26))))
                ((char-upper-case? c)
                 (integer->char (+ 65 (modulo (+ (- (char->integer c) 65) k) 26))))
                (else c)))))))

;; Classify characters with case.
(define (char-class c)
  (case c
    ((#\a #\e #\i #\o #\u #\A #\E #\I #\O #\U) 'vowel)
    ((#\space #\newline #\tab) 'space)
    ((#\. #\, #\; #\! #\?) 'punct)
    (else (if (char-alphabetic? c) 'consonant 'other))))

(define (count-class s cls)
  (let loop ((i 0) (n 0))
    (if (= i (string-length s))
        n
        (loop (+ i 1) (if (eq? (char-class (string-ref s i)) cls) (+ n 1) n)))))

;; Split on spaces with substring.
(define (words s)
  (let loop ((i 0) (start 0) (acc '()))
    (cond ((= i (string-length s))
           (reverse (if (> i start) (cons (substring s start i) acc) acc)))
          ((char=? (string-ref s i) #\space)
           (loop (+ i 1) (+ i 1) (if (> i start) (cons (substring s start i) acc) acc)))
          (else (loop (+ i 1) start acc)))))

(define (join ws sep)
  (if (null? ws)
      ""
      (let loop ((ws (cdr ws)) (acc (car ws)))
        (if (null? ws) acc (loop (cdr ws) (string-append acc sep (car ws)))))))

(define (reverse-string s) (list->string (reverse (string->list s))))

(define (palindrome? s)
  (let loop ((i 0) (j (- (string-length s) 1)))
    (or (>= i j)
        (and (char=? (string-ref s i) (string-ref s j))
             (loop (+ i 1) (- j 1))))))

;; Run-length encoding: "aaab" -> "3a1b".
(define (rle s)
  (let loop ((i 0) (acc '()))
    (if (= i (string-length s))
        (apply string-append (reverse acc))
        (let run ((j i))
          (if (and (< j (string-length s)) (char=? (string-ref s j) (string-ref s i)))
              (run (+ j 1))
              (loop j (cons (string-append (number->string (- j i)) (string (string-ref s i)))
                            acc)))))))

(define (count-palindromes ws)
  (cond ((null? ws) 0)
        ((palindrome? (car ws)) (+ 1 (count-palindromes (cdr ws))))
        (else (count-palindromes (cdr ws)))))

(define text
  "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs! Level, radar and noon read the same; abba too?")

(define (round-once k)
  (let* ((c (caesar text k))
         (back (caesar c (- 26 k)))
         (ws (words back))
         (rev (join (map reverse-string ws) " "))
         (pals (count-palindromes ws)))
    (+ (count-class rev 'vowel)
       (count-class c 'consonant)
       (string-length (rle (string-append back "aaaabbbccd")))
       pals
       (if (string=? back text) 1 0))))

(define (run rounds)
  (let loop ((i 0) (acc 0) (big ""))
    (if (= i rounds)
        (list acc (string-length big))
        (loop (+ i 1)
              (+ acc (round-once (modulo i 26)))
              (if (< (string-length big) 20000)
                  (string-append big (substring text 0 (+ 1 (modulo i 40))))
                  "")))))

(display (run 6000))
(newline)
