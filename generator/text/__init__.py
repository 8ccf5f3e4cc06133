"""What is known about text, below everything else: characters nobody sees,
graphemes and where a line may break, which characters a font can draw,
how wide a text is without a font."""
