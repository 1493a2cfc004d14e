"""The web server around the Streamlit app: the sign-in page and the cookie that keeps a browser signed in."""
