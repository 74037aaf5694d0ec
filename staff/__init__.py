"""What every staff page shares, whichever app it belongs to: the staff frame, who is signed in,
where each role lands after signing in, the refusal and lockout pages, and how staff and dates are named."""
