assert (1 == 2, 'message')
print('passes')
