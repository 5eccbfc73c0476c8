print(f'{x')
