(raise (list 1 "two" #\3))
