; let-values: the variables of one formals list are distinct.
(let-values (((a b) (values 1 2)) ((c a) (values 3 4)))
  (display a))
