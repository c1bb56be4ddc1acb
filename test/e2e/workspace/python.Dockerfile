# A Flask app on the full Python image (about 1 GB). Open it in VS Code and press Ctrl+. on the
# FROM line to see the smaller bases Seaworthy can move it to.
FROM python:3.12

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .

EXPOSE 8000
CMD ["python", "-m", "flask", "run", "--host=0.0.0.0", "--port=8000"]
