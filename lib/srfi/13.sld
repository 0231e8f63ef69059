(define-library (srfi 13)
  (export
   ;; Predicates, constructors, list conversion
   string? string-null? string-every string-any
   make-string string string-tabulate
   string->list list->string reverse-list->string string-join
   ;; Selection
   string-length string-ref string-copy substring/shared string-copy!
   string-take string-take-right string-drop string-drop-right
   string-pad string-pad-right string-trim string-trim-right string-trim-both
   ;; Modification
   string-set! string-fill!
   ;; Comparison
   string-compare string-compare-ci
   string<> string= string< string> string<= string>=
   string-ci<> string-ci= string-ci< string-ci> string-ci<= string-ci>=
   string-hash string-hash-ci
   ;; Prefixes and suffixes
   string-prefix-length string-suffix-length
   string-prefix-length-ci string-suffix-length-ci
   string-prefix? string-suffix? string-prefix-ci? string-suffix-ci?
   ;; Searching
   string-index string-index-right string-skip string-skip-right string-count
   string-contains string-contains-ci
   ;; Case mapping
   string-titlecase string-upcase string-downcase
   string-titlecase! string-upcase! string-downcase!
   ;; Reverse and append
   string-reverse string-reverse! string-append
   string-concatenate string-concatenate/shared string-append/shared
   string-concatenate-reverse string-concatenate-reverse/shared
   ;; Fold, unfold and map
   string-map string-map! string-fold string-fold-right
   string-unfold string-unfold-right string-for-each string-for-each-index
   ;; Replicate and rotate, insertion and parsing, filtering
   xsubstring string-xcopy! string-replace string-tokenize
   string-filter string-delete
   ;; Low-level procedures (SRFI 13's string-lib-internals)
   string-parse-start+end string-parse-final-start+end let-string-start+end
   check-substring-spec substring-spec-ok?
   make-kmp-restart-vector kmp-step string-kmp-partial-search
   ;; R5RS's substring
   substring)
  (import (scheme base) (scheme char) (closc strings)
          (only (closc char-sets) char-set? char-set-contains? char-set-standard))
  (include "13.scm"))
