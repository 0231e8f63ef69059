; hand-written .out: (closc file-system)'s path helpers, from
; lib/closc/file-system.sld's text; path-directory and path-name agree with
; POSIX dirname and basename (checked against coreutils).
(import (scheme base) (scheme write) (closc file-system))

(define (show . xs)
  (for-each (lambda (x) (write x) (display " ")) xs)
  (newline))

(for-each
 (lambda (p) (show p (path-directory p) (path-name p)))
 '("a/b/c.txt" "c.txt" "/c" "/" "a//b/" "a/b/" "//" "/usr/lib/" "." ".." "../x"
   "a/./b" "/a/b//c//" "name.tar.gz" "x.y/z"))

(for-each
 (lambda (p) (show p (path-extension p) (path-strip-extension p)))
 '("a/b/c.txt" "name.tar.gz" "x.y/z" ".bashrc" "dir/.profile" "file." "a.b/" "noext"
   "/" "..." "a..b"))

(show (path-join) (path-join "a") (path-join "a" "b" "c") (path-join "a/" "b"))
(show (path-join "a" "/abs" "c") (path-join "" "a" "" "b") (path-join "/" "etc"))
(show (path-join "a" "b/") (path-join "a" "." ".."))
(show (path-absolute? "/x") (path-absolute? "x") (path-absolute? "") (path-absolute? "./x"))
(show (path-absolute "/etc/passwd"))
(show (string=? (path-absolute "x/y") (path-join (current-directory) "x/y")))

(define (message thunk)
  (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
    (thunk)))
(show (message (lambda () (path-join "a" 'b))))
(show (message (lambda () (path-directory 1))))
(show (message (lambda () (path-name #f))))
(show (message (lambda () (path-extension '()))))
(show (message (lambda () (path-absolute? 2))))
(show (message (lambda () (path-strip-extension 3))))
