;;; bigstring: text processing on strings of 10^5-10^6 characters (a document built with string-append, cut into lines and words with substring, reflowed, reversed, searched and rebuilt in a loop).

(define seed 4242)
(define (rand! n)
  (set! seed (modulo (+ (* seed 69069) 1) 4294967296))
  (modulo (quotient seed 256) n))

(define syllables
  (vector "ka" "lo" "mi" "ne" "su" "ta" "ri" "o" "an" "el" "tor" "qu" "ba" "ze"))

;; A pseudo-random word of 1 to 4 syllables.
(define (word)
  (let loop ((k (+ 1 (rand! 4))) (acc ""))
    (if (= k 0)
        acc
        (loop (- k 1)
              (string-append acc (vector-ref syllables (rand! (vector-length syllables))))))))

;; A line of N words separated by spaces, built by repeated string-append.
(define (line n)
  (let loop ((i 1) (acc (word)))
    (if (= i n) acc (loop (+ i 1) (string-append acc " " (word))))))

;; A document of LINES lines, joined in halves (balanced appends of large strings).
(define (document lines)
  (if (= lines 1)
      (string-append (line (+ 6 (rand! 8))) (string #\newline))
      (let* ((half (quotient lines 2))
             (front (document half))
             (back (document (- lines half))))
        (string-append front back))))

;; Start positions of every occurrence of CHAR, as a list (in order).
(define (positions s ch)
  (let loop ((i (- (string-length s) 1)) (acc '()))
    (cond ((< i 0) acc)
          ((char=? (string-ref s i) ch) (loop (- i 1) (cons i acc)))
          (else (loop (- i 1) acc)))))

;; Cut S into the pieces between occurrences of CH.
(define (split s ch)
  (let loop ((start 0) (ps (positions s ch)) (acc '()))
    (if (null? ps)
        (reverse (if (< start (string-length s)) (cons (substring s start (string-length s)) acc) acc))
        (loop (+ (car ps) 1) (cdr ps) (cons (substring s start (car ps)) acc)))))

;; Join pieces with a separator, left to right (the accumulator grows large).
(define (join pieces sep)
  (if (null? pieces)
      ""
      (let loop ((ps (cdr pieces)) (acc (car pieces)))
        (if (null? ps) acc (loop (cdr ps) (string-append acc sep (car ps)))))))

;; Reflow words into lines of at most WIDTH characters.
(define (reflow words width)
  (let loop ((ws words) (cur "") (lines '()))
    (cond ((null? ws) (reverse (if (> (string-length cur) 0) (cons cur lines) lines)))
          ((= (string-length cur) 0) (loop (cdr ws) (car ws) lines))
          ((> (+ (string-length cur) 1 (string-length (car ws))) width)
           (loop ws "" (cons cur lines)))
          (else (loop (cdr ws) (string-append cur " " (car ws)) lines)))))

;; Naive substring search: number of occurrences of PAT in S.
(define (count-occurrences s pat)
  (let ((n (string-length s)) (m (string-length pat)))
    (let loop ((i 0) (c 0))
      (if (> (+ i m) n)
          c
          (loop (+ i 1)
                (if (let match ((j 0))
                      (or (= j m)
                          (and (char=? (string-ref s (+ i j)) (string-ref pat j))
                               (match (+ j 1)))))
                    (+ c 1)
                    c))))))

;; Swap the halves of S, recursively, down to pieces of LIMIT characters.
(define (scramble s limit)
  (let ((n (string-length s)))
    (if (<= n limit)
        s
        (let ((h (quotient n 2)))
          (string-append (scramble (substring s h n) limit)
                         (scramble (substring s 0 h) limit))))))

;; Upper-case every word that starts with a vowel (string-copy + string-set!).
(define (shout-vowel-words s)
  (let ((out (string-copy s)) (n (string-length s)))
    (let loop ((i 0) (in-word #f) (up #f))
      (if (= i n)
          out
          (let ((c (string-ref s i)))
            (cond ((or (char=? c #\space) (char=? c #\newline)) (loop (+ i 1) #f #f))
                  (in-word
                   (if up (string-set! out i (char-upcase c)))
                   (loop (+ i 1) #t up))
                  (else
                   (let ((v (memv c '(#\a #\e #\i #\o #\u))))
                     (if v (string-set! out i (char-upcase c)))
                     (loop (+ i 1) #t (if v #t #f))))))))))

(define (checksum s)
  (let loop ((i 0) (h 0))
    (if (= i (string-length s))
        h
        (loop (+ i 1) (modulo (+ (* h 31) (char->integer (string-ref s i))) 1000000007)))))

(define (round-once lines)
  (let* ((doc (document lines))
         (rows (split doc #\newline))
         (words (split (join rows " ") #\space))
         (flowed (join (reflow words 72) (string #\newline)))
         (loud (shout-vowel-words flowed))
         (mixed (scramble loud 64)))
    (list (string-length doc) (length rows) (length words)
          (count-occurrences flowed "kalo")
          (checksum mixed))))

(define (run rounds lines)
  (let loop ((i 0) (last '()))
    (if (= i rounds) last (loop (+ i 1) (round-once lines)))))

(display (run 4 2500))
(newline)
