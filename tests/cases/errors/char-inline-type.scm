;; An inline character procedure given a non-character reports it where
;; the call is, as its entry does.
(define (shout c) (char-upcase c))
(display (shout #\a))
(newline)
(display (shout 97))
