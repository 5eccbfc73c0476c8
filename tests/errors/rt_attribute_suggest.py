class Point:
    def __init__(self):
        self.x_coord = 1
Point().x_cord
