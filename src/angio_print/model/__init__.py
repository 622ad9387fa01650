"""What a project is made of: its config, the clinic's settings, leaflets, languages and print forms."""
