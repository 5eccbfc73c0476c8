print("éé" 1)
