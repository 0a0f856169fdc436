print("sub", __name__, __package__)
def y():
    return "y from sub"
