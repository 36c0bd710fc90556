"""The candidate's resume as data (pure, no Django): the JSON Resume schema and its checks,
the LinkedIn export's profile files, text from PDF/DOCX/plain-text resumes and the sections
found in it, and merging one document into another."""
