grid = [[1, 2], [3, 4]]
total = grid[0][1] + grid[2][0]
