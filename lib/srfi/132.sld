;;; SRFI 132, sort libraries. The stable merge sort lives in
;;; lib/closc/sort.scm, shared with the script environment's `sort`.
(define-library (srfi 132)
  (export
   list-sorted? vector-sorted?
   list-sort list-stable-sort list-sort! list-stable-sort!
   vector-sort vector-stable-sort vector-sort! vector-stable-sort!
   list-merge list-merge! vector-merge vector-merge!
   list-delete-neighbor-dups list-delete-neighbor-dups!
   vector-delete-neighbor-dups vector-delete-neighbor-dups!
   vector-find-median vector-find-median! vector-select! vector-separate!)
  (import (scheme base))
  (include "../closc/sort.scm" "132.scm"))
